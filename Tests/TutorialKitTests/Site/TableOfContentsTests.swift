import Foundation
import Testing
@testable import TutorialModel
@testable import TutorialSite

/// `toc.js`, the one file that lists every chapter for the pages' sidebars.
@Suite struct TableOfContentsTests {
    static let titles = [
        "Plain", "</script><script>alert(1)</script>", "Quotes \" and ' and \\ too", "<img src=x onerror=alert(2)>",
        "Lines\u{2028}and\u{2029}breaks\nand a tab\t", "Ünïcödé & emoji 🧵",
    ]

    static func book(titles: [String]) -> Book {
        let chapters = titles.enumerated().map { index, title in
            Chapter(
                path: "chapters/\(index + 1)-c\(index + 1).md", number: index + 1, slug: "c\(index + 1)", title: title,
                document: BookLoader(chaptersDirectory: "unused").parser.parse("# \(title)\n"))
        }
        return Book(title: "T", introduction: nil, chapters: chapters, chaptersDirectory: "chapters")
    }

    struct Entry: Decodable, Equatable {
        var h: String
        var n: Int
        var s: String
        var t: String
    }

    @Test func everyTitleStaysTextAndNothingCanEndTheScript() throws {
        let script = String(decoding: TableOfContents.script(for: Self.book(titles: Self.titles)), as: UTF8.self)
        // No markup character at all, nor a line break a script would take as one, inside it.
        #expect(!script.contains("<") && !script.contains(">") && !script.contains("&"))
        #expect(!script.unicodeScalars.contains { $0.value == 0x2028 || $0.value == 0x2029 })
        let prefix = "window.tutorialToc = "
        #expect(script.hasPrefix(prefix) && script.hasSuffix(";\n"))
        // The array is JSON too: read back, each title is the one the chapter has.
        let array = script.dropFirst(prefix.count).dropLast(2)
        let entries = try JSONDecoder().decode([Entry].self, from: Data(array.utf8))
        #expect(entries.map(\.t) == Self.titles)
        #expect(entries.map(\.h) == (1...Self.titles.count).map { "c\($0).html" })
        #expect(entries.map(\.n) == Array(1...Self.titles.count))
        #expect(entries.map(\.s) == (1...Self.titles.count).map { "c\($0)" })
    }
}
