import Foundation
import TestSupport
import Testing
@testable import TutorialCheck
@testable import TutorialExecution
@testable import TutorialModel
@testable import TutorialRender

/// The theme's `output.mustache` places every view, by iterating them or by name.
@Suite struct OutputViewsTests {
    /// A view no template names.
    struct StampView: OutputView {
        let name = "stamp"
        func html(for block: OutputBlock) -> String? { "<p class=\"stamp\">\(block.lines.count) lines</p>" }
    }

    static let block = OutputBlock(lines: [OutputLine(stream: .stdout, text: "hello <you>", time: 0)], duration: 0.25, status: .ran)

    @Test func aViewAddedInCodeAppearsWithoutAChangeToTheTemplate() throws {
        var renderer = try SiteRenderer(theme: Theme.builtIn()).output
        #expect(!renderer.html(Self.block).contains("stamp"))
        renderer.views.insert(StampView(), at: renderer.views.count - 1)
        let html = renderer.html(Self.block)
        #expect(html.contains("<p class=\"stamp\">1 lines</p>\n<figcaption>"), "\(html)")
        #expect(TestSupport.preTexts(html) == ["hello <you>\n"])
    }

    @Test func aWordsViewAppearsWithoutAChangeToTheTemplate() throws {
        var block = Self.block
        block.example = TestSupport.example("```swift stdin=<in>\\n\nprint(readLine()!)\n```\n")
        block.cellIndices = [0]
        let html = try OutputBlockRenderer.html(block)
        #expect(TestSupport.preTexts(html, className: "stdin-text") == ["<in>\n"])
        #expect(html.contains("&lt;in&gt;"))
    }

    @Test func aThemeStillPlacesAViewByName() throws {
        var theme = try Theme.builtIn()
        theme.files["output.mustache"] = Data("{{#figure}}<div>{{#stamp}}[{{{stamp}}}]{{/stamp}}{{{text}}}<i>{{{caption}}}</i></div>{{/figure}}".utf8)
        var renderer = try SiteRenderer(theme: theme).output
        renderer.views.append(StampView())
        let html = renderer.html(Self.block)
        #expect(html.hasPrefix("<div>[<p class=\"stamp\">1 lines</p>]<pre class=\"output\">hello &lt;you&gt;\n</pre><i>this code ran in "), "\(html)")
    }

    /// The time under a block is the time of its own cells, which the caption says: a cell that
    /// only prints what earlier cells computed runs in no time, and must not seem to contradict them.
    @Test func theCaptionSaysTheTimeIsTheVisibleCellsOwn() throws {
        let renderer = try SiteRenderer(theme: Theme.builtIn()).output
        var block = Self.block
        block.example = TestSupport.example("```swift\nprint(1)\n```\n\n```swift hidden\nprecondition(true)\n```\n\n```swift\nprint(2)\n```\n")
        block.cellIndices = [0, 1]
        #expect(renderer.html(block).contains("this code ran in 0.25 s"))
        block.cellIndices = [0, 1, 2]
        #expect(renderer.html(block).contains("the code above ran in 0.25 s"))
    }
}
