/// Where a node of a Markdown tree starts and ends in its source, 1-based, as cmark counts.
package struct SourceRange: Hashable, Sendable {
    /// The node's first character.
    package var start: SourcePosition
    /// The node's last character.
    package var end: SourcePosition

    /// A range from `start` to `end`.
    package init(start: SourcePosition, end: SourcePosition) {
        self.start = start
        self.end = end
    }
}

/// A block of a Markdown document: cmark's block node as a Swift value, with its source range.
package struct MarkdownBlock: Hashable, Sendable {
    /// What the block is, with what only that kind of block has.
    package enum Kind: Hashable, Sendable {
        case document
        case blockQuote
        case list(MarkdownList)
        case item
        case paragraph([MarkdownInline])
        case heading(level: Int, [MarkdownInline])
        case codeBlock(MarkdownCodeBlock)
        /// Raw HTML: safe mode leaves it out of the page.
        case htmlBlock(String)
        case thematicBreak
        /// A pipe table, found on a paragraph's lines after conversion.
        case table(MarkdownTable)
    }

    /// What the block is.
    package var kind: Kind
    /// Where cmark found the block.
    package var range: SourceRange
    /// The blocks inside a container (document, quote, list, item); empty for leaf blocks.
    package var children: [MarkdownBlock] = []

    /// A block of `kind` written at `range`, holding `children`.
    package init(kind: Kind, range: SourceRange, children: [MarkdownBlock] = []) {
        self.kind = kind
        self.range = range
        self.children = children
    }
}

/// How a list is numbered and spaced.
package struct MarkdownList: Hashable, Sendable {
    /// What follows an ordered item's number: `1.` or `1)` (none for bullets).
    package enum Delimiter: Hashable, Sendable { case none, period, parenthesis }

    /// Numbered (`1.`) rather than bulleted (`-`).
    package var isOrdered: Bool
    /// The first item's number (ordered lists).
    package var start: Int
    /// The ordered items' delimiter.
    package var delimiter: Delimiter
    /// A tight list's paragraphs are written without `<p>`.
    package var isTight: Bool
}

/// A code block, fenced or indented.
package struct MarkdownCodeBlock: Hashable, Sendable {
    /// The info string as cmark gives it (backslash escapes and entities resolved).
    package var info: String
    /// The block's text, without the container's indentation.
    package var literal: String
    /// The fence character, or nil for an indented block.
    package var fence: Character?
    /// False when a fenced block has no closing fence: it ran to the end of its container.
    package var isClosed: Bool
}

/// A GitHub-style pipe table: cells hold inline content only.
package struct MarkdownTable: Hashable, Sendable {
    /// A column's alignment, from its delimiter cell (`---`, `:--`, `:-:`, `--:`).
    package enum Alignment: Hashable, Sendable { case none, left, center, right }

    /// A row of cells, with the source line it was written on.
    package struct Row: Hashable, Sendable {
        /// The row's line in the page.
        package var line: Int
        /// Each cell's inline content.
        package var cells: [[MarkdownInline]]
    }

    /// One alignment per column.
    package var alignments: [Alignment]
    /// The header row (`<th>` cells).
    package var header: Row
    /// The body rows, as wide as the header.
    package var rows: [Row]
}

/// Inline content of a paragraph, heading or table cell: cmark's inline node as a Swift value.
package indirect enum MarkdownInline: Hashable, Sendable {
    case text(String)
    case softBreak
    case lineBreak
    case code(String)
    /// Raw HTML: safe mode leaves it out of the page.
    case htmlInline(String)
    case emphasis([MarkdownInline])
    case strong([MarkdownInline])
    /// A link; `title` is nil when the source gives none (an empty one is written out).
    case link(url: String, title: String?, [MarkdownInline])
    case image(url: String, title: String?, [MarkdownInline])

    /// The text a reader sees: literals, with a space for each line break.
    package static func plainText(_ inlines: [MarkdownInline]) -> String {
        var text = ""
        for inline in inlines {
            switch inline {
            case .text(let literal), .code(let literal): text += literal
            case .softBreak, .lineBreak: text += " "
            case .htmlInline: break
            case .emphasis(let children), .strong(let children),
                 .link(_, _, let children), .image(_, _, let children):
                text += plainText(children)
            }
        }
        return text
    }
}
