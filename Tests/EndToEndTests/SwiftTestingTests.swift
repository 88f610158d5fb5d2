import TestSupport
import Foundation
import Testing

/// The cell word `test` through the built binary: a cell's swift-testing tests run after it, a
/// failing `#expect` is an error at the chapter's line, and the runner's colours are spans.
@Suite struct SwiftTestingTests {
    @Test func aFailingExpectationIsAnErrorAtTheMarkdownLine() throws {
        let book = try TestSupport.copyFixture("swift-testing")
        let result = try ToolProcess.run(["build"], in: book)
        #expect(result.status == 1)
        #expect(result.stderr.contains("chapters/02-broken.md:10:7: error: test halves() failed: Expectation failed: (half → 3) == 4"), "\(result.stderr)")
        // The test cell ended the program: the cell after it never ran.
        #expect(result.stderr.contains("chapters/02-broken.md:5:3: error: the example 'broken' exited with status 1 in this cell"), "\(result.stderr)")
        // A failing test in a cell that must fail is no error.
        #expect(!result.stderr.contains("01-tests.md"), "\(result.stderr)")
        let broken = try String(contentsOf: book.appendingPathComponent("site/broken.html"), encoding: .utf8)
        #expect(!TestSupport.preTexts(broken).joined().contains("never reached"))
    }

    @Test func thePageShowsTheRealReportInColour() throws {
        let book = try TestSupport.copyFixture("swift-testing")
        _ = try ToolProcess.run(["build"], in: book)
        let html = try String(contentsOf: book.appendingPathComponent("site/tests.html"), encoding: .utf8)
        let texts = TestSupport.preTexts(html)
        #expect(texts.count == 2)
        #expect(texts.first?.contains("✔ Test doubles() passed after") == true, "\(texts)")
        #expect(texts.last?.contains("✘ Test addsUp() recorded an issue at 01-tests.md:25:5: Expectation failed: (sum → 2) == 3") == true, "\(texts)")
        // Colours as spans the stylesheet styles, never the raw or the visible escape.
        #expect(html.contains("<span class=\"ansi-fg-10\">✔</span> Test doubles() passed after"))
        #expect(html.contains("<span class=\"ansi-fg-9\">✘</span> Test addsUp() recorded an issue"))
        #expect(!html.contains("\u{1B}") && !html.contains("␛"))
        // A time limit's issue is placed at the `@Test` attribute: the chapter's line, not the
        // generated main.swift's.
        let limits = TestSupport.preTexts(try String(contentsOf: book.appendingPathComponent("site/limits.html"), encoding: .utf8)).joined()
        #expect(limits.contains("Test waits() recorded an issue at 03-limits.md:6:"), "\(limits)")
        #expect(limits.contains("Time limit was exceeded"), "\(limits)")
        #expect(!limits.contains("main.swift"), "\(limits)")
        let css = try String(contentsOf: book.appendingPathComponent("site/style.css"), encoding: .utf8)
        #expect(css.contains(".ansi-fg-10 { color: var(--ansi-10); }"))
    }

    @Test func runShowsTheReportAndItsStatus() throws {
        let book = try TestSupport.copyFixture("swift-testing")
        let passing = try ToolProcess.run(["run", "tests"], in: book)
        #expect(passing.status == 0, "\(passing.stderr)")
        #expect(passing.stdout.contains("Test doubles() passed after"), "\(passing.stdout)")
        let failing = try ToolProcess.run(["run", "failing"], in: book)
        #expect(failing.status == 1)
        #expect(failing.stdout.contains("Test addsUp() recorded an issue at 01-tests.md:25:5"), "\(failing.stdout)")
        // A time limit's issue, placed by swift-testing in the generated main.swift, names the chapter here too.
        let limit = try ToolProcess.run(["run", "limit"], in: book)
        #expect(limit.stdout.contains("Test waits() recorded an issue at 03-limits.md:6:"), "\(limit.stdout)")
        #expect(!limit.stdout.contains("main.swift"), "\(limit.stdout)")
    }
}
