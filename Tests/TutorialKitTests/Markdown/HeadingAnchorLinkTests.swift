import Testing
@testable import TutorialModel

/// Every heading of a page carries a "#" link to itself in the HTML the tool writes: no script
/// adds it, ids stay unique and stable, and the link is named for the heading.
@Suite struct HeadingAnchorLinkTests {
    let parser = BookLoader(chaptersDirectory: "unused").parser

    func html(_ source: String) -> String {
        parser.parse(source).pieces.compactMap { if case .html(let html) = $0 { html } else { nil } }.joined()
    }

    @Test func eachHeadingLinksToItsOwnID() {
        let html = html("# Title\n\ntext\n\n## Fix 1: `Mutex`\n\n### Why & how\n\n## Fix 1: `Mutex`\n")
        #expect(html.contains("<h1 id=\"title\">Title<a class=\"anchor\" href=\"#title\" aria-label=\"Link to the section Title\">#</a></h1>"), "\(html)")
        #expect(html.contains("<h2 id=\"fix-1-mutex\">Fix 1: <code>Mutex</code><a class=\"anchor\" href=\"#fix-1-mutex\" aria-label=\"Link to the section Fix 1: Mutex\">#</a></h2>"), "\(html)")
        #expect(html.contains("<h3 id=\"why-how\">Why &amp; how<a class=\"anchor\" href=\"#why-how\" aria-label=\"Link to the section Why &amp; how\">#</a></h3>"), "\(html)")
        // The second heading of the same words gets its own id, and its link points there.
        #expect(html.contains("<h2 id=\"fix-1-mutex-1\">Fix 1: <code>Mutex</code><a class=\"anchor\" href=\"#fix-1-mutex-1\""), "\(html)")
        let ids = html.matches(of: /\sid="([^"]+)"/).map { String($0.1) }
        #expect(ids.count == 4 && Set(ids).count == 4, "\(ids)")
        #expect(html.matches(of: /class="anchor"/).count == 4)
    }

    @Test func aHeadingsNameIsEscapedInItsLinksLabel() {
        let html = html("## Say \"hi\" & go\n")
        #expect(html.contains("aria-label=\"Link to the section Say &quot;hi&quot; &amp; go\">#</a></h2>"), "\(html)")
    }

    @Test func theSameSourceGivesTheSameIDs() {
        let source = "## A\n\n## B b\n\n### A\n"
        #expect(html(source) == html(source))
        #expect(parser.parse(source).headings.map(\.anchor) == ["a", "b-b", "a-1"])
    }

    @Test func cmarksOwnRenderingStaysWithoutLinks() {
        // What the CommonMark spec tests compare: headings without ids take no link.
        let tree = CmarkConverter.document("## A\n", lines: [Array("## A".utf8)])
        #expect(HTMLRenderer.html(tree) == "<h2>A</h2>\n")
    }
}
