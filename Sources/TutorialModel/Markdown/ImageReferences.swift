/// An image a Markdown document shows (`![alt](url)`), with where it is written.
package struct ImageReference: Hashable, Sendable {
    /// The image's address as cmark gives it (percent-encoded where the source had spaces).
    package var url: String
    /// Where the address is written: found in the block's source lines, else the block's start.
    package var position: SourcePosition
}

/// Finds every image of a document's tree, in paragraphs, headings and table cells at any
/// depth. Inlines carry no source position, so each address is looked up in the lines of the
/// block (or table row) that holds it.
struct ImageReferences {
    let lines: [[UInt8]]

    /// The images of `block` and the blocks inside it, in document order.
    func references(in block: MarkdownBlock) -> [ImageReference] {
        var found: [ImageReference] = []
        switch block.kind {
        case .paragraph(let inlines), .heading(_, let inlines):
            found += urls(in: inlines).map { locate($0, from: block.range.start, to: block.range.end.line) }
        case .table(let table):
            for row in [table.header] + table.rows {
                let start = SourcePosition(line: row.line, column: 1)
                found += row.cells.flatMap(urls).map { locate($0, from: start, to: row.line) }
            }
        default: break
        }
        return found + block.children.flatMap(references)
    }

    private func urls(in inlines: [MarkdownInline]) -> [String] {
        inlines.flatMap { inline -> [String] in
            switch inline {
            case .image(let url, _, let children): [url] + urls(in: children)
            case .emphasis(let children), .strong(let children), .link(_, _, let children): urls(in: children)
            default: []
            }
        }
    }

    /// The first line from `start` to `last` that holds the address after `(`, with the column
    /// of its first character; for a reference-style image (`![alt][shot]`), the line of the
    /// definition that gives the address; `start` when the source spells it otherwise (escapes,
    /// `<…>`).
    private func locate(_ url: String, from start: SourcePosition, to last: Int) -> ImageReference {
        let address = url.removingPercentEncoding ?? url
        guard start.line >= 1 else { return ImageReference(url: url, position: start) }
        if let found = find("(", address, lines: start.line...max(start.line, min(last, lines.count)))
            ?? find("]: ", address, lines: 1...max(1, lines.count)) {
            return ImageReference(url: url, position: found)
        }
        return ImageReference(url: url, position: start)
    }

    /// Where `address` is first found right after `lead` on `range`'s lines.
    private func find(_ lead: String, _ address: String, lines range: ClosedRange<Int>) -> SourcePosition? {
        let needle = Array((lead + address).utf8)
        for line in range where line <= lines.count {
            let bytes = lines[line - 1]
            guard bytes.count >= needle.count else { continue }
            for offset in 0...(bytes.count - needle.count) where bytes[offset..<(offset + needle.count)].elementsEqual(needle) {
                return SourcePosition(line: line, column: offset + lead.utf8.count + 1)
            }
        }
        return nil
    }
}
