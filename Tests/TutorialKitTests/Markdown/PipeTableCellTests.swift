import Testing
@testable import TutorialModel

/// Pipe tables: a table's cells are inline content of the page, not documents of their own.
@Suite struct PipeTableCellTests {
    let parser = BookLoader(chaptersDirectory: "unused").parser

    private func html(_ source: String) -> (html: String, document: MarkdownDocument) {
        let document = parser.parse(source)
        let html = document.pieces.compactMap { if case .html(let html) = $0 { html } else { nil } }.joined()
        return (html, document)
    }

    @Test func aLinkReferenceDefinitionIsNeverAHeaderRow() {
        let (page, _) = html("""
            [home]: /index.html
            |-|
            """)
        #expect(!page.contains("<table>"))
        #expect(!page.contains("home"))
        #expect(page.contains("<p>|-|</p>"))
    }

    @Test func aTableAfterADefinitionInTheSameParagraphKeepsItsHeader() {
        let (page, _) = html("""
            [home]: /index.html
            | Name | Link |
            |------|------|
            | a | [start][home] |
            """)
        #expect(page.contains("<th>Name</th><th>Link</th>"))
        #expect(page.contains("<td>a</td><td><a href=\"/index.html\">start</a></td>"))
    }

    @Test func aHashInACellIsTextAndTakesNoHeadingAnchor() {
        let (page, document) = html("""
            | Key | Meaning |
            |-----|---------|
            | # x | - y |
            | 1. z | > q |

            # x
            """)
        #expect(!page.contains("<h1>"))
        #expect(!page.contains("<ul>"))
        #expect(!page.contains("<ol>"))
        #expect(!page.contains("<blockquote>"))
        #expect(page.contains("<td># x</td><td>- y</td>"))
        #expect(page.contains("<td>1. z</td><td>&gt; q</td>"))
        #expect(document.headings.map(\.anchor) == ["x"])
        #expect(page.contains("<h1 id=\"x\">x<a class=\"anchor\" href=\"#x\" aria-label=\"Link to the section x\">#</a></h1>"))
    }

    @Test func referenceLinksInCellsResolveWherever() {
        let (page, _) = html("""
            > [guide]: https://example.com/guide "The guide"

            | Where |
            |-------|
            | see [the guide][guide] or [guide] |

            [later]: /later
            | After |
            |-------|
            | [later] |
            """)
        #expect(page.contains("<td>see <a href=\"https://example.com/guide\" title=\"The guide\">the guide</a> or <a href=\"https://example.com/guide\" title=\"The guide\">guide</a></td>"))
        #expect(page.contains("<td><a href=\"/later\">later</a></td>"))
    }

    @Test func emphasisAndEscapedPipesInCellsStayInline() {
        let (page, _) = html("""
            | A | B |
            |---|---|
            | _x_ and *y* | a \\| b |
            """)
        #expect(page.contains("<td><em>x</em> and <em>y</em></td><td>a | b</td>"))
    }

    @Test func aLineEndingInsideACodeSpanKeepsTheParagraphWhole() {
        // cmark makes that line ending a space, so counting breaks would start the text too late.
        let (page, _) = html("a `b\nc` h |\n| --- |\n")
        #expect(!page.contains("<table>"), "\(page)")
        #expect(page.contains("<p>a <code>b c</code> h |"), "\(page)")
    }

    @Test func aCellStartingWithACombiningMarkKeepsItsText() {
        let (page, _) = html("| x |\n|---|\n| \u{0301}a |\n")
        #expect(page.contains("<td>\u{0301}a</td>"), "\(page)")
    }
}
