import TestSupport
import Foundation
import Testing

/// Each fixture book's pages, compared with the expected `<main>` of each page kept in the book's
/// `expected/` folder, with what varies from run to run (times, addresses, timelines) normalized:
/// any change to rendering shows as a diff here. To accept a change on purpose, run the tests
/// with `TUTORIAL_UPDATE_GOLDEN=1` and review the diff of `expected/` before committing it.
@Suite struct GoldenPageTests {
    static let books = [
        "kept-aside", "words", "mismatch", "compile-error", "crash", "wrong-expectations", "bad-words", "site",
        "duplicate-examples", "unterminated",
    ]

    @Test(arguments: books) func pagesMatchTheirExpectedHTML(book name: String) throws {
        let book = try TestSupport.copyFixture(name)
        let result = try ToolProcess.run(["build"], in: book)
        #expect(result.status == 0 || result.status == 1, "\(result.stderr)")
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
            let main = Self.normalized(Self.main(of: html))
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
        guard let start = html.range(of: "<main>"), let end = html.range(of: "</main>") else { return html }
        return String(html[start.lowerBound..<end.upperBound]) + "\n"
    }

    /// The page with what changes from run to run replaced by fixed words.
    static func normalized(_ html: String) -> String {
        var text = html
        let replacements = [
            // Times in captions.
            (#"ran in [0-9]+(\.[0-9]+)? s"#, "ran in N s"),
            // Timelines are drawn only for blocks that ran 0.2 s or more: whether one is there
            // depends on the machine's speed.
            (#"(?s)<svg class="timeline".*?</svg>\n"#, ""),
            // Addresses in the runtime's crash messages.
            (#"0x[0-9a-f]+"#, "0xADDRESS"),
        ]
        for (pattern, replacement) in replacements {
            text = text.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
        }
        return streamsApart(text)
    }

    /// Output blocks with their lines sorted, stdout first, then stderr: concurrent examples print
    /// in an order that changes from run to run, and so does the order of lines from two streams.
    /// What the golden pages hold is how output is rendered, not the order a program printed in.
    static func streamsApart(_ html: String) -> String {
        let regex = try! NSRegularExpression(pattern: #"(?s)(<pre class="output[^"]*">)(.*?)(</pre>)"#)
        var result = ""
        var last = html.startIndex
        for match in regex.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
            let body = String(html[Range(match.range(at: 2), in: html)!])
            let spans = try! NSRegularExpression(pattern: #"<span class="stderr">.*?</span>"#, options: .dotMatchesLineSeparators)
            let stderr = spans.matches(in: body, range: NSRange(body.startIndex..., in: body)).map { String(body[Range($0.range, in: body)!]) }
            let stdout = spans.stringByReplacingMatches(in: body, range: NSRange(body.startIndex..., in: body), withTemplate: "")
            let stdoutLines = stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let sorted = stdoutLines.dropLast().sorted() + [stdoutLines.last ?? ""]
            result += html[last..<Range(match.range(at: 2), in: html)!.lowerBound] + sorted.joined(separator: "\n") + stderr.sorted().joined()
            last = Range(match.range(at: 2), in: html)!.upperBound
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
