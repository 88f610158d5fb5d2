import Foundation

/// Parses Markdown into a typed tree (`CmarkConverter`), finds its pipe tables, headings and the
/// fenced blocks the tool takes over, and writes the rest as HTML in cmark's safe mode
/// (`HTMLRenderer`).
struct MarkdownParser: Sendable {
    /// Decides which fenced blocks the tool renders itself instead of cmark.
    var takesOver: @Sendable (FencedBlock) -> Bool

    package init(takesOver: @escaping @Sendable (FencedBlock) -> Bool) {
        self.takesOver = takesOver
    }

    /// Parses `source`, renders its prose in cmark's safe mode, and cuts the HTML at every fenced
    /// block taken over.
    func parse(_ source: String) -> MarkdownDocument {
        let lines = Array(source.utf8).split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        let tree = CmarkConverter.document(source, lines: lines)
        let outline = MarkdownOutline(tree)
        var finder = PipeTableFinder(document: tree, lines: lines)
        let document = finder.withTables(tree)
        let takesOver = takesOver
        var renderer = HTMLRenderer(headingIDs: outline.headings.map(\.anchor), headingTexts: outline.headings.map(\.text)) { block in
            guard let fenced = Self.fencedBlock(block), takesOver(fenced) else { return nil }
            return fenced
        }
        return MarkdownDocument(
            pieces: renderer.pieces(document), headings: outline.headings, sections: outline.nonEmptySections,
            images: ImageReferences(lines: lines).references(in: document))
    }

    /// Describes a code block if it is fenced; indented blocks return nil.
    static func fencedBlock(_ block: MarkdownBlock) -> FencedBlock? {
        guard case .codeBlock(let code) = block.kind, let fence = code.fence else { return nil }
        return FencedBlock(
            info: code.info.trimmingCharacters(in: .whitespaces),
            body: code.literal,
            position: block.range.start,
            endLine: block.range.end.line,
            fence: fence,
            isClosed: code.isClosed)
    }
}
