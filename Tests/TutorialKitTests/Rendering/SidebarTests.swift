import Foundation
import Testing
@testable import TutorialModel
@testable import TutorialRender

/// A chapter page carries its own chapter, not the whole list (which `toc.js` holds once): the
/// site grows with the book, not with its square. The index still lists every chapter.
@Suite struct SidebarTests {
    static func book(count: Int) -> Book {
        let chapters = (1...count).map { number in
            Chapter(
                path: "chapters/\(number)-c\(number).md", number: number, slug: "c\(number)", title: "Title \(number) <x>",
                document: BookLoader(chaptersDirectory: "unused").parser.parse("# Title \(number) <x>\n"))
        }
        return Book(title: "Book", introduction: nil, chapters: chapters, chaptersDirectory: "chapters")
    }

    static func titlesShown(_ html: String, count: Int) -> [Int] {
        (1...count).filter { html.contains("Title \($0) &lt;x&gt;") }
    }

    @Test func aChapterPageShowsItsOwnChapterAndNeighboursOnly() throws {
        let renderer = try SiteRenderer(theme: Theme.builtIn())
        let book = Self.book(count: 12)
        let page = String(decoding: renderer.chapterPage(book, index: 6, content: "", examples: []), as: UTF8.self)
        #expect(Self.titlesShown(page, count: 12) == [6, 7, 8])
        #expect(page.contains("<a href=\"c7.html\" aria-current=\"page\"><span class=\"number\">7</span> Title 7 &lt;x&gt;</a>"))
        #expect(page.contains("<script src=\"toc.js\" defer></script>"))
        #expect(page.contains("<noscript><p class=\"toc-all\"><a href=\"index.html#contents\">All chapters</a></p></noscript>"))
        // The page is as long in a book of 12 chapters as in one of 400.
        let longer = String(decoding: renderer.chapterPage(Self.book(count: 400), index: 6, content: "", examples: []), as: UTF8.self)
        #expect(longer == page)
    }

    @Test func theIndexListsEveryChapter() throws {
        let renderer = try SiteRenderer(theme: Theme.builtIn())
        let index = String(decoding: renderer.indexPage(Self.book(count: 12)), as: UTF8.self)
        let contents = try #require(index.range(of: "<ol class=\"contents\">"))
        #expect(Self.titlesShown(String(index[contents.lowerBound...]), count: 12) == Array(1...12))
    }

    @Test func theNeighbourhoodKeyNamesOnlyThePageAndItsNeighbours() {
        var book = Self.book(count: 12)
        let before = (0..<12).map { SiteRenderer.neighbourhood(book, index: $0) }
        book.chapters[6].title = "Renamed"
        let after = (0..<12).map { SiteRenderer.neighbourhood(book, index: $0) }
        #expect((0..<12).filter { before[$0] != after[$0] } == [5, 6, 7])
    }
}
