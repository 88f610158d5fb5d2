import TestSupport
import Foundation
import Testing

/// A built page shows, under each checked output block, a mark listing what was checked and
/// held; a varying number's strip marks the value a hidden check names; headings link to
/// themselves in the static HTML.
@Suite struct CheckMarkEndToEndTests {
    /// The list items of each mark on `page`, in order.
    static func marks(_ page: String) -> [[String]] {
        page.matches(of: /<details class="checked">.*?<ul class="checked-list">(.*?)<\/ul><\/details>/.dotMatchesNewlines()).map { mark in
            String(mark.1).matches(of: /<li>(.*?)<\/li>/).map { String($0.1) }
        }
    }

    @Test func eachCheckedBlockListsItsChecksAndAFailingOneShowsNone() throws {
        let book = try TestSupport.copyFixture("check-marks")
        let result = try ToolProcess.run(["build"], in: book)
        // The second chapter's expected output is wrong on purpose.
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("02-broken.md"), "\(result.stderr)")

        let page = try String(contentsOf: book.appendingPathComponent("site/marks.html"), encoding: .utf8)
        let marks = Self.marks(page)
        #expect(marks.count == 4, "\(marks)")
        #expect(marks.first == ["the output is exactly these lines, in this order, as the chapter expects of every run", "the answer is &lt;42&gt; &amp; nothing else"], "\(marks)")
        #expect(marks.dropFirst().first == ["the output has exactly these lines, in an order that may change from run to run"], "\(marks)")
        #expect(marks.dropFirst(2).first == [
            "a draw stays below 1000000 (in each of the 6 runs)", "over 6 runs: the outputs differ",
        ], "\(marks)")
        let failure = try #require(marks.last?.first)
        #expect(failure.hasPrefix("the program fails here, as it must: "), "\(failure)")
        // "just printed" is not checked: its block has no mark.
        let plain = try #require(page.range(of: "just printed"))
        let after = page[plain.upperBound...]
        let nextMark = after.range(of: "<details class=\"checked\">")
        let nextHeading = try #require(after.range(of: "<h2 "))
        #expect(nextMark.map { $0.lowerBound > nextHeading.lowerBound } ?? true)

        // The draws' strip marks the value the hidden check names, past every draw.
        #expect(page.contains("; expected below 1000000 (a check: a draw stays below 1000000)."), "\(page)")
        #expect(page.contains("<line class=\"strip-expected\""))

        // Headings link to themselves without a script.
        #expect(page.contains("<h2 id=\"numbers-that-vary\">Numbers that vary<a class=\"anchor\" href=\"#numbers-that-vary\" aria-label=\"Link to the section Numbers that vary\">#</a></h2>"))
        let print = try String(contentsOf: book.appendingPathComponent("site/print.html"), encoding: .utf8)
        #expect(print.contains("<h2 id=\"marks-numbers-that-vary\">Numbers that vary<a class=\"anchor\" href=\"#marks-numbers-that-vary\""))
        #expect(Self.marks(print).count == 4)

        let broken = try String(contentsOf: book.appendingPathComponent("site/broken.html"), encoding: .utf8)
        #expect(broken.contains("differs from the expected output"))
        #expect(!broken.contains("class=\"checked\""), "\(broken)")
    }
}
