/// Turns the paragraphs of a Markdown tree whose lines form a pipe table into table blocks,
/// with each cell's Markdown parsed as inline content after the page's link reference
/// definitions.
struct PipeTableFinder {
    private let document: MarkdownBlock
    private let lines: [[UInt8]]
    /// The definitions' source, worked out at the first table (most pages have none).
    private var definitions: String?

    init(document: MarkdownBlock, lines: [[UInt8]]) {
        self.document = document
        self.lines = lines
    }

    /// `block` with its tables found, at any depth.
    mutating func withTables(_ block: MarkdownBlock) -> MarkdownBlock {
        var result = block
        if case .paragraph = block.kind, let table = table(block) {
            result.kind = .table(table)
        }
        result.children = block.children.map { withTables($0) }
        return result
    }

    /// The paragraph as a table, if its source lines form one.
    private mutating func table(_ paragraph: MarkdownBlock) -> MarkdownTable? {
        guard let first = textStart(paragraph) else { return nil }
        let last = paragraph.range.end.line
        let column = paragraph.range.start.column
        guard last > first, last <= lines.count,
              PipeTable.mayBeDelimiterRow(lines[first].dropFirst(min(column - 1, lines[first].count))) else { return nil }
        // Each line without its container's prefix (the `> ` of a quote, a list item's indent).
        let rows = lines[(first - 1)..<last].map { bytes in
            Substring(String(decoding: bytes.dropFirst(min(column - 1, bytes.count)), as: UTF8.self))
        }
        guard let table = PipeTable(lines: rows) else { return nil }
        if definitions == nil { definitions = referenceDefinitions() }
        let definitions = definitions ?? ""
        func row(_ cells: [String], line: Int) -> MarkdownTable.Row {
            MarkdownTable.Row(line: line, cells: cells.map { CmarkConverter.cellInlines($0, definitions: definitions) })
        }
        return MarkdownTable(
            alignments: table.alignments,
            header: row(table.header, line: first),
            rows: table.rows.enumerated().map { row($0.element, line: first + 2 + $0.offset) })
    }

    /// The first line of a paragraph's text. cmark keeps the source range of a paragraph whose
    /// leading link reference definitions it took out: the text left is on the paragraph's last
    /// lines, one per line break.
    private func textStart(_ paragraph: MarkdownBlock) -> Int? {
        guard case .paragraph(let inlines) = paragraph.kind else { return nil }
        let (start, last) = (paragraph.range.start.line, paragraph.range.end.line)
        guard start >= 1, start <= lines.count, last >= start else { return nil }
        // Only a paragraph whose source starts with `[` can have lost definitions: elsewhere the
        // text starts where the paragraph does (counting breaks would miss a line ending inside a
        // code span, which cmark makes a space).
        let source = lines[start - 1].dropFirst(min(paragraph.range.start.column - 1, lines[start - 1].count))
        guard source.first { $0 != UInt8(ascii: " ") } == UInt8(ascii: "[") else { return start }
        return max(start, last - Self.lineBreaks(in: inlines))
    }

    /// The soft and hard line breaks of inline content, with those inside raw HTML.
    private static func lineBreaks(in inlines: [MarkdownInline]) -> Int {
        inlines.reduce(0) { count, inline in
            switch inline {
            case .softBreak, .lineBreak: count + 1
            case .htmlInline(let literal): count + literal.utf8.count(where: { $0 == 0x0A })
            case .text, .code: count
            case .emphasis(let children), .strong(let children),
                 .link(_, _, let children), .image(_, _, let children):
                count + lineBreaks(in: children)
            }
        }
    }

    /// The source of the page's link reference definitions: cmark takes them out of the tree, so
    /// they are the lines no leaf block covers and the leading lines a paragraph lost.
    private func referenceDefinitions() -> String {
        var covered = [Bool](repeating: false, count: lines.count + 1)
        func cover(_ block: MarkdownBlock) {
            var first = block.range.start.line
            let last = block.range.end.line
            switch block.kind {
            case .paragraph:
                guard let start = textStart(block) else { return }
                first = start
            case .heading, .codeBlock, .htmlBlock, .thematicBreak, .table:
                break
            case .document, .blockQuote, .list, .item:
                block.children.forEach(cover)
                return
            }
            guard first >= 1, last >= first, last <= lines.count else { return }
            for line in first...last { covered[line] = true }
        }
        cover(document)
        var source = ""
        for (index, bytes) in lines.enumerated() {
            guard !covered[index + 1] else {
                source += "\n"
                continue
            }
            // Without the `>` markers and indentation of the containers around the definition.
            let content = bytes.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "\t") }
            source += String(decoding: content, as: UTF8.self) + "\n"
        }
        return source
    }
}
