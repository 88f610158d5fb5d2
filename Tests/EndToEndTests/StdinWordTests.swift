import TestSupport
import Foundation
import Testing

/// The cell word `stdin=TEXT`, through the built binary.
@Suite struct StdinWordTests {
    @Test func theProgramReadsTheTextAndThePageShowsIt() throws {
        let book = try TestSupport.copyFixture("stdin")
        let result = try ToolProcess.run(["build"], in: book)
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOf: book.appendingPathComponent("site/stdin.html"), encoding: .utf8)
        #expect(TestSupport.preTexts(html) == ["read 2 lines\n> 3\n> 4 <b>\n", "no input\n"])
        #expect(TestSupport.preTexts(html, className: "stdin-text") == ["3\n4 <b>\n"])
        #expect(html.contains("4 &lt;b&gt;") && !html.contains("<b>"))

        let run = try ToolProcess.run(["run", "stdin"], in: book)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "read 2 lines\n> 3\n> 4 <b>\n")
    }

    @Test func anotherTextIsAnotherResultNotTheCachedOne() throws {
        let book = try TestSupport.copyFixture("stdin")
        #expect(try ToolProcess.run(["build"], in: book).status == 0)
        let chapter = book.appendingPathComponent("chapters/01-stdin.md")
        let source = try String(contentsOf: chapter, encoding: .utf8)
        try source.replacingOccurrences(of: #"stdin=3\n4\s<b>\n"#, with: #"stdin=only\sone"#)
            .write(to: chapter, atomically: true, encoding: .utf8)
        let result = try ToolProcess.run(["build"], in: book)
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOf: book.appendingPathComponent("site/stdin.html"), encoding: .utf8)
        #expect(TestSupport.preTexts(html) == ["read 1 lines\n> only one\n", "no input\n"])
        #expect(TestSupport.preTexts(html, className: "stdin-text") == ["only one"])
    }

    @Test func aBadTextIsAnErrorAtItsCell() throws {
        let book = try TestSupport.temporaryDirectory("stdin-bad")
        let chapters = book.appendingPathComponent("chapters")
        try FileManager.default.createDirectory(at: chapters, withIntermediateDirectories: true)
        try "# Bad\n\nProse.\n\n```swift stdin=a\\qb\nprint(readLine() ?? \"\")\n```\n"
            .write(to: chapters.appendingPathComponent("01-bad.md"), atomically: true, encoding: .utf8)
        let result = try ToolProcess.run(["build"], in: book)
        #expect(result.status == 1)
        #expect(result.stderr.contains(#"chapters/01-bad.md:5:1: error: 'stdin=a\qb': '\q' is no escape stdin knows"#), "\(result.stderr)")
    }
}
