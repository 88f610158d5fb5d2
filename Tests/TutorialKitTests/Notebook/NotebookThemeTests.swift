@testable import TutorialServe
@testable import TutorialRender
@testable import TutorialBuild
import Foundation
import Synchronization
import TestSupport
import Testing

/// A theme that cannot render gives the notebook an error naming the template, not blank blocks.
@Suite struct NotebookThemeTests {
    @Test func aBrokenOutputTemplateIsAnErrorEventNamingIt() async throws {
        let book = try TestSupport.temporaryDirectory("notebook-theme")
        let chapters = book.appendingPathComponent("chapters")
        let theme = book.appendingPathComponent("theme")
        try FileManager.default.createDirectory(at: chapters, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: theme, withIntermediateDirectories: true)
        try "# A\n\n```swift\nprint(1)\n```\n\n```\n1\n```\n"
            .write(to: chapters.appendingPathComponent("01-a.md"), atomically: true, encoding: .utf8)
        // An unclosed section: the template does not parse.
        try "{{#figure}}<figure>".write(to: theme.appendingPathComponent("output.mustache"), atomically: true, encoding: .utf8)

        let project = try Project.load(BuildSettings(chapters: chapters.path))
        let runner = NotebookRunner(project: project)
        let events = Mutex<[[String: String]]>([])
        await runner.run(NotebookRequest(example: "a", cells: [:], run: nil)) { event in
            events.withLock { $0.append(event.compactMapValues { $0 as? String }) }
            return true
        }
        let seen = events.withLock { $0 }
        let error = try #require(seen.first { $0["event"] == "error" }, "events: \(seen)")
        #expect(error["message"]?.contains("output.mustache") == true, "\(error)")
        #expect(error["message"]?.contains("does not parse") == true, "\(error)")
        #expect(!seen.contains { $0["event"] == "done" })
    }
}
