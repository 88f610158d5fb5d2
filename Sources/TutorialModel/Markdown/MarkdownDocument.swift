/// A position in a source file, 1-based like compiler diagnostics.
package struct SourcePosition: Hashable, Sendable, Codable {
    package var line: Int
    package var column: Int

    package init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// A fenced code block found in a Markdown file, as written by the author.
package struct FencedBlock: Hashable, Sendable {
    /// The whole info string after the opening fence, trimmed.
    package var info: String
    /// The block's body, with the container's indentation removed by cmark.
    package var body: String
    /// Where the opening fence starts.
    package var position: SourcePosition
    /// The line of the last line of the block (the closing fence, when there is one).
    var endLine: Int
    /// The fence character: a backtick or a tilde.
    var fence: Character
    /// False when no closing fence was found: the block ran to the end of its container.
    var isClosed: Bool = true

    /// The first word of the info string (`swift` in `swift no_run`).
    var language: String {
        info.split(whereSeparator: \.isWhitespace).first.map(String.init) ?? ""
    }

    /// The words after the first one.
    var attributes: [String] {
        info.split(whereSeparator: \.isWhitespace).dropFirst().map(String.init)
    }

    /// The first line of the body in the Markdown file.
    var bodyLine: Int { position.line + 1 }
}

/// A heading of a document, with the anchor the renderer gives it.
struct Heading: Hashable, Sendable {
    var level: Int
    var text: String
    var anchor: String
    var line: Int
}

/// A parsed Markdown document: prose already rendered to HTML as cmark renders it, interleaved with the
/// fenced blocks that the tool renders itself.
package struct MarkdownDocument: Sendable {
    package enum Piece: Sendable {
        case html(String)
        case block(FencedBlock)
    }

    /// A stretch of prose under one heading (the first one starts at the top of the page).
    package struct Section: Hashable, Sendable {
        /// The heading's anchor, or "" for the text before the first heading.
        package var anchor: String
        package var heading: String
        package var text: String
    }

    package var pieces: [Piece]
    var headings: [Heading]
    /// The prose cut at each heading, for the search index.
    package var sections: [Section] = []
    /// The images the prose shows, in document order.
    package var images: [ImageReference] = []

    /// The text of the first level-1 heading, if any.
    var title: String? {
        headings.first { $0.level == 1 }?.text
    }

    /// The fenced blocks taken over by the tool, in document order.
    package var blocks: [FencedBlock] {
        pieces.compactMap { if case .block(let block) = $0 { block } else { nil } }
    }
}
