@testable import TutorialRender
@testable import TutorialModel
import Foundation
import TestSupport
import Testing

/// Mustache renders an unknown partial as nothing: a theme naming one is refused, at its line.
@Suite struct ThemePartialsTests {
    /// A theme folder whose `page.mustache` is the built-in one with `extra` added as line 2.
    static func theme(adding extra: String) throws -> (folder: String, theme: Theme) {
        let folder = try TestSupport.temporaryDirectory("theme-partials").path
        let builtIn = String(decoding: try Theme.builtIn().files["page.mustache"] ?? Data(), as: UTF8.self)
        var lines = builtIn.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.insert(extra, at: 1)
        try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: "\(folder)/page.mustache"))
        return (folder, try Theme.load(overrides: folder))
    }

    @Test func aPartialThatIsNotATemplateIsAnErrorAtItsLine() throws {
        let (folder, theme) = try Self.theme(adding: "  <header>{{> heder }}</header>")
        do {
            _ = try SiteRenderer(theme: theme)
            Issue.record("a page naming the partial 'heder' was accepted")
        } catch {
            let text = error.description
            #expect(text.contains("\(folder)/page.mustache:2:11: error: the partial 'heder' is not a template of the theme"), "\(text)")
            #expect(error.diagnostics.allSatisfy { $0.category == .theme })
        }
    }

    @Test func thePartialsOfTheThemeAreAccepted() throws {
        let (_, theme) = try Self.theme(adding: "{{#figure}}{{/figure}}{{> output}}")
        _ = try SiteRenderer(theme: theme)
        #expect(TemplatePartials.references(in: "a {{>output}} b {{ > page }}\n{{< output}}").map(\.name) == ["output", "page", "output"])
        #expect(TemplatePartials.references(in: "{{output}} {{{html}}} {{! > no}}").isEmpty)
    }
}
