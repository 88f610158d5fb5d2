import Testing
@testable import TutorialModel

@Suite struct MarkdownParserTests {
    let parser = BookLoader(chaptersDirectory: "unused").parser

    @Test func findsCellsAndSlotsWithTheirPositions() {
        let source = """
            # Title

            ```swift
            print(1)
            ```

            ```
            ```

            ~~~swift no_run
            print(2)
            ~~~

            ~~~
            ~~~
            """
        let document = parser.parse(source)
        let blocks = document.blocks
        #expect(blocks.count == 4)
        #expect(blocks.map { BlockRole(of: $0) } == [.cell, .slot, .cell, .slot])
        #expect(blocks[0].position == SourcePosition(line: 3, column: 1))
        #expect(blocks[0].bodyLine == 4)
        #expect(blocks[0].body == "print(1)\n")
        #expect(blocks[2].fence == "~")
        #expect(blocks[2].language == "swift")
        #expect(blocks[2].attributes == ["no_run"])
        #expect(blocks[3].position.line == 14)
        #expect(document.title == "Title")
    }

    @Test func findsCellsInListsAndQuotesWithTheirColumns() {
        let source = """
            1. Item:

               ```swift
               print("list")
               ```

            > ```swift
            > print("quote")
            > ```
            """
        let blocks = parser.parse(source).blocks
        #expect(blocks.count == 2)
        #expect(blocks[0].position == SourcePosition(line: 3, column: 4))
        #expect(blocks[0].body == "print(\"list\")\n")
        #expect(blocks[1].position == SourcePosition(line: 7, column: 3))
        #expect(blocks[1].body == "print(\"quote\")\n")
    }

    @Test func leavesIndentedBlocksAndOtherLanguagesToCmark() {
        let source = """
            Text.

                print("indented")

            ```python
            print("python")
            ```

            ```
            not empty, no language
            ```
            """
        let document = parser.parse(source)
        #expect(document.blocks.isEmpty)
        let html = document.pieces.compactMap { if case .html(let html) = $0 { html } else { nil } }.joined()
        #expect(html.contains("<pre><code>print(&quot;indented&quot;)"))
        #expect(html.contains("<code class=\"language-python\">"))
        #expect(html.contains("not empty, no language"))
    }

    @Test func outputWithABodyIsASlotWithExpectedText() {
        let blocks = parser.parse("```swift\nprint(1)\n```\n\n```output\n1\n```\n").blocks
        #expect(blocks.map { BlockRole(of: $0) } == [.cell, .slot])
        #expect(blocks[1].body == "1\n")
    }

    @Test func rendersProseInSafeModeAndSplitsAroundBlocks() {
        let source = """
            Before <script>alert(1)</script> & after.

            <!--tutorial-block:0-->

            ```swift
            let x = 1
            ```

            [link](javascript:alert(1))
            """
        let document = parser.parse(source)
        guard document.pieces.count == 3,
              case .html(let before) = document.pieces[0],
              case .block(let block) = document.pieces[1],
              case .html(let after) = document.pieces[2] else {
            Issue.record("expected prose, block, prose; got \(document.pieces)")
            return
        }
        #expect(!before.contains("<script>"))
        #expect(before.contains("&amp; after"))
        #expect(block.body == "let x = 1\n")
        #expect(!after.contains("javascript:"))
    }

    @Test func givesHeadingsUniqueAnchors() {
        let document = parser.parse("# Intro\n\n## Set up `x`\n\n## Set up `x`\n")
        #expect(document.headings.map(\.anchor) == ["intro", "set-up-x", "set-up-x-1"])
        let html = document.pieces.compactMap { if case .html(let html) = $0 { html } else { nil } }.joined()
        #expect(html.contains("<h2 id=\"set-up-x\">Set up <code>x</code><a class=\"anchor\" href=\"#set-up-x\" aria-label=\"Link to the section Set up x\">#</a></h2>"))
        #expect(html.contains("<h2 id=\"set-up-x-1\">"))
    }
}

@Suite struct PipeTableTests {
    let parser = BookLoader(chaptersDirectory: "unused").parser

    @Test func rendersPipeTablesWithAlignmentAndInlineMarkup() {
        let source = """
            | Name | `code \\| pipe` | Right |
            |:-----|:---:|---:|
            | **bold** | <b>raw</b> | 3 |
            | short |
            """
        let html = parser.parse(source).pieces.compactMap { if case .html(let html) = $0 { html } else { nil } }.joined()
        #expect(html.contains("<table>"))
        #expect(html.contains("<th style=\"text-align: left\">Name</th>"))
        #expect(html.contains("<th style=\"text-align: center\"><code>code | pipe</code></th>"))
        #expect(html.contains("<td><strong>bold</strong></td>") || html.contains("<td style=\"text-align: left\"><strong>bold</strong></td>"))
        #expect(!html.contains("<b>raw</b>"))
        #expect(html.contains("<td style=\"text-align: left\">short</td><td style=\"text-align: center\"></td><td style=\"text-align: right\"></td>"))
    }

    @Test func leavesParagraphsThatAreNotTablesAlone() {
        let html = parser.parse("a | b\nno delimiter row\n").pieces.compactMap { if case .html(let html) = $0 { html } else { nil } }.joined()
        #expect(!html.contains("<table>"))
        #expect(html.contains("<p>a | b"))
    }
}
