import Testing
@testable import TutorialModel

/// The Markdown tree keeps where each node was written, and its HTML follows cmark's rules.
@Suite struct MarkdownTreeTests {
    private func blocks(_ source: String) -> [MarkdownBlock] {
        CmarkConverter.document(source).children
    }

    @Test func aHeadingKeepsItsLineAndColumn() throws {
        let tree = blocks("Intro\n\n> ## Inside *a* quote\n")
        let quote = try #require(tree.last)
        let heading = try #require(quote.children.first)
        guard case .heading(let level, let inlines) = heading.kind else {
            Issue.record("expected a heading, got \(heading.kind)")
            return
        }
        #expect(level == 2)
        #expect(MarkdownInline.plainText(inlines) == "Inside a quote")
        #expect(heading.range.start == SourcePosition(line: 3, column: 3))
        #expect(heading.range.end.line == 3)
    }

    @Test func aTableCellKeepsItsLine() throws {
        var tables: [MarkdownTable] = []
        func visit(_ block: MarkdownBlock) {
            if case .table(let table) = block.kind { tables.append(table) }
            block.children.forEach(visit)
        }
        let source = """
            Text.

            - item

              | A | B |
              |---|:-:|
              | *x* | y |
              | z | [w](/w) |
            """
        let lines = Array(source.utf8).split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        let tree = CmarkConverter.document(source)
        var finder = PipeTableFinder(document: tree, lines: lines)
        visit(finder.withTables(tree))
        let table = try #require(tables.first)
        #expect(table.header.line == 5)
        #expect(table.rows.map(\.line) == [7, 8])
        #expect(table.alignments == [.none, .center])
        #expect(table.rows[0].cells[0] == [.emphasis([.text("x")])])
        #expect(table.rows[1].cells[1] == [.link(url: "/w", title: nil, [.text("w")])])
    }

    /// Inputs for the rules the spec's examples touch least, each checked against cmark itself.
    @Test(arguments: [
        "[a](javascript:alert(1)) [b](JavaScript:x) [c](vbscript:x) [d](file:///etc) [e](data:text/html,x)",
        "![a](data:image/png;base64,AA) ![b](DATA:image/webp;x) ![c](data:image/svg+xml,x)",
        "[empty](/u \"\") [none](/u) ![img](/i '') ![img2](/i)\n\n[r]: /r \"\"\n\n[ref][r]",
        "[q](/a?b=1&c='d'<e>[f]{g}|h^`i`\\j) <http://x.y/é?a b>",
        "- a\n- b\n\n  c\n- d\n\n1) x\n2) y\n\n7. z",
        "![*alt* `code` [link](/l)\nline <b>raw</b>](/i \"t&\\\"\")",
        "```  swift\tno_run\nlet a = \"<&>\"\n```\n\n<div>\nraw\n</div>\n\n***\n\nhard  \nbreak\\\nsoft\nbreak",
    ])
    func rendersAsCmarkDoes(_ markdown: String) {
        #expect(HTMLRenderer.html(CmarkConverter.document(markdown)) == CmarkReference.html(markdown))
    }
}
