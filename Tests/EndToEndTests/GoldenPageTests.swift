import TestSupport
import Foundation
import Testing

/// Each fixture book's pages, compared with the expected `<main>` of each page kept in the book's
/// `expected/` folder, with what varies from run to run (times, addresses, timelines) normalized:
/// any change to rendering shows as a diff here. To accept a change on purpose, run the tests
/// with `TUTORIAL_UPDATE_GOLDEN=1` and review the diff of `expected/` before committing it.
@Suite struct GoldenPageTests {
    /// A fixture book and the status its build must exit with.
    struct GoldenBook: Sendable, CustomTestStringConvertible {
        var name: String
        var status: Int32
        var testDescription: String { name }
    }

    static let books = [
        GoldenBook(name: "kept-aside", status: 0), GoldenBook(name: "words", status: 0),
        GoldenBook(name: "mismatch", status: 1), GoldenBook(name: "compile-error", status: 1),
        GoldenBook(name: "crash", status: 1), GoldenBook(name: "wrong-expectations", status: 1),
        GoldenBook(name: "bad-words", status: 1), GoldenBook(name: "site", status: 0),
        GoldenBook(name: "duplicate-examples", status: 1), GoldenBook(name: "unterminated", status: 1),
    ]

    /// Output lines that concurrent tasks print, in an order that changes from run to run, by
    /// book and page. Each such task prints one line: among themselves these lines are compared
    /// as a multiset, in the places they hold; every other line must be where the expected page
    /// has it (a line printed after the tasks were joined stays after them).
    static let concurrentLines: [String: [String: String]] = [
        "kept-aside": ["notebook.html": #"^thread [0-9] done$"#, "print.html": #"^thread [0-9] done$"#],
        "words": ["words.html": #"^worker [0-9]$"#, "print.html": #"^worker [0-9]$"#],
        "site": ["timeline.html": #"^(early|late) thread says hello$"#, "print.html": #"^(early|late) thread says hello$"#],
    ]

    @Test(arguments: books) func pagesMatchTheirExpectedHTML(book golden: GoldenBook) throws {
        let name = golden.name
        let book = try TestSupport.copyFixture(name)
        let result = try ToolProcess.run(["build"], in: book)
        #expect(result.status == golden.status, "\(result.stderr)")
        let site = book.appendingPathComponent("site")
        let expected = TestSupport.fixtures.appendingPathComponent(name).appendingPathComponent("expected")
        let pages = try FileManager.default.contentsOfDirectory(atPath: site.path).filter { $0.hasSuffix(".html") }.sorted()
        #expect(!pages.isEmpty)
        let update = ProcessInfo.processInfo.environment["TUTORIAL_UPDATE_GOLDEN"] == "1"
        if update {
            try? FileManager.default.removeItem(at: expected)
            try FileManager.default.createDirectory(at: expected, withIntermediateDirectories: true)
        }
        for page in pages {
            let html = try String(contentsOf: site.appendingPathComponent(page), encoding: .utf8)
            let main = Self.normalized(Self.main(of: html), concurrentLines: Self.concurrentLines[name]?[page])
            let file = expected.appendingPathComponent(page)
            if update {
                try main.write(to: file, atomically: true, encoding: .utf8)
                continue
            }
            let golden = try? String(contentsOf: file, encoding: .utf8)
            #expect(golden != nil, "no expected page \(name)/expected/\(page): run with TUTORIAL_UPDATE_GOLDEN=1")
            if let golden, golden != main {
                Issue.record("\(name)/\(page) differs from its expected HTML:\n\(Self.firstDifference(golden, main))")
            }
        }
        if !update {
            let kept = (try? FileManager.default.contentsOfDirectory(atPath: expected.path)) ?? []
            #expect(Set(kept) == Set(pages), "expected pages of \(name) and the site's differ")
        }
    }

    /// The page's `<main>` element.
    static func main(of html: String) -> String {
        guard let start = html.range(of: "<main"), let end = html.range(of: "</main>") else { return html }
        return String(html[start.lowerBound..<end.upperBound]) + "\n"
    }

    /// The page with what changes from run to run replaced by fixed words, and the lines of
    /// output blocks that match `concurrentLines` put in a fixed order in the places they hold.
    static func normalized(_ html: String, concurrentLines: String? = nil) -> String {
        var text = html
        let replacements = [
            // Times in captions.
            (#"ran in [0-9]+(\.[0-9]+)? s"#, "ran in N s"),
            // Timelines are drawn only for blocks that ran 0.2 s or more: whether one is there
            // depends on the machine's speed.
            (#"(?s)<div class="timeline-scroll" role="group" aria-label="Timeline" tabindex="0">\n<svg class="timeline".*?</svg>\n</div>\n"#, ""),
            // Addresses in the runtime's crash messages.
            (#"0x[0-9a-f]+"#, "0xADDRESS"),
        ]
        for (pattern, replacement) in replacements {
            text = text.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
        }
        return concurrentLines.map { orderingConcurrentLines(text, matching: $0) } ?? text
    }

    /// `html` with, in each output block, the lines that match `pattern` sorted among the places
    /// they hold; every other line stays where it is.
    static func orderingConcurrentLines(_ html: String, matching pattern: String) -> String {
        let blocks = try! NSRegularExpression(pattern: #"(?s)(<pre class="output[^"]*">)(.*?)(</pre>)"#)
        let line = try! NSRegularExpression(pattern: pattern)
        var result = ""
        var last = html.startIndex
        for match in blocks.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
            let body = Range(match.range(at: 2), in: html)!
            var lines = html[body].split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let places = lines.indices.filter { line.firstMatch(in: lines[$0], range: NSRange(lines[$0].startIndex..., in: lines[$0])) != nil }
            for (place, text) in zip(places, places.map { lines[$0] }.sorted()) { lines[place] = text }
            result += html[last..<body.lowerBound] + lines.joined(separator: "\n")
            last = body.upperBound
        }
        return result + html[last...]
    }

    /// The first line that differs, with its neighbours, for the failure message.
    static func firstDifference(_ expected: String, _ actual: String) -> String {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let index = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
        let expectedLine = index < a.count ? String(a[index]) : "(end)"
        let actualLine = index < b.count ? String(b[index]) : "(end)"
        return "line \(index + 1)\n- \(expectedLine)\n+ \(actualLine)"
    }
}
