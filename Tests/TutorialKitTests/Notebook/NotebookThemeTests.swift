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
            // The event as the page reads it: its line of JSON.
            let fields = (try? JSONSerialization.jsonObject(with: event.line) as? [String: Any]) ?? [:]
            events.withLock { $0.append(fields.compactMapValues { $0 as? String }) }
            return true
        }
        let seen = events.withLock { $0 }
        let error = try #require(seen.first { $0["event"] == "error" }, "events: \(seen)")
        #expect(error["message"]?.contains("output.mustache") == true, "\(error)")
        #expect(error["message"]?.contains("does not parse") == true, "\(error)")
        #expect(!seen.contains { $0["event"] == "done" })
    }
}

/// The notebook's events are typed and written by an encoder, one line of JSON each.
@Suite struct NotebookEventTests {
    static func fields(_ event: NotebookEvent) throws -> [String: Any] {
        let line = event.line
        #expect(line.last == 0x0A && !line.dropLast().contains(0x0A), "one line each")
        return try #require(try JSONSerialization.jsonObject(with: line) as? [String: Any])
    }

    @Test func eachEventHasItsNameAndItsFieldsOnly() throws {
        #expect(try Self.fields(.tick).keys.sorted() == ["event"])
        let line = try Self.fields(.line(cell: 2, stream: .stderr, text: "a\n\"b\"</script>", html: "a", time: 0.5))
        #expect(line["event"] as? String == "line" && line["cell"] as? Int == 2 && line["stream"] as? String == "stderr")
        #expect(line["text"] as? String == "a\n\"b\"</script>")
        #expect(line["html"] as? String == "a")
        let message = NotebookEvent.CellMessage(severity: "error", message: "no", text: "", cell: nil, line: 3, column: nil)
        let compiled = try Self.fields(.compiled(seconds: 1.25, cached: false, errors: [message]))
        let errors = try #require(compiled["errors"] as? [[String: Any]])
        #expect(errors.count == 1 && errors[0]["line"] as? Int == 3 && errors[0]["cell"] == nil, "absent fields are left out: \(errors)")
        let done = try Self.fields(.done(.init(
            places: [.init(cells: "a:0 a:1", html: "<figure>")], code: [], ending: "", problems: ["x"], succeeded: true)))
        #expect(Set(done.keys) == ["event", "places", "code", "ending", "problems", "succeeded"])
        #expect(done["succeeded"] as? Bool == true && (done["places"] as? [[String: Any]])?.first?["cells"] as? String == "a:0 a:1")
    }
}

/// Live lines show their terminal colours as the finished block does, never the raw escapes.
@Suite struct LiveLineStylerTests {
    @Test func aColourGoesOnToTheNextLineOfItsStreamOnly() {
        let styler = LiveLineStyler()
        let first = styler.html("\u{1B}[31mred <b>", stream: .stdout)
        #expect(first == "<span class=\"ansi-fg-1\">red &lt;b&gt;</span>", "\(first)")
        // stderr has its own style: still plain.
        #expect(styler.html("plain", stream: .stderr) == "plain")
        let second = styler.html("still red\u{1B}[0m, then plain", stream: .stdout)
        #expect(second == "<span class=\"ansi-fg-1\">still red</span>, then plain", "\(second)")
        #expect(!(first + second).contains("\u{1B}"))
        // An escape that is not a colour stays visible, escaped as the page escapes it.
        #expect(!styler.html("\u{1B}]0;title\u{7}", stream: .stdout).contains("<span"))
    }
}
