import CCmark
import CSupport
import Foundation

import Glibc

/// Parses Markdown with cmark. This is the only file that touches cmark's pointers: everything it
/// returns is a Swift value.
struct MarkdownParser: Sendable {
    /// Decides which fenced blocks the tool renders itself instead of cmark.
    var takesOver: @Sendable (FencedBlock) -> Bool

    package init(takesOver: @escaping @Sendable (FencedBlock) -> Bool) {
        self.takesOver = takesOver
    }

    /// Parses `source`, renders its prose in cmark's safe mode, and leaves a hole in the HTML for
    /// every fenced block taken over.
    func parse(_ source: String) -> MarkdownDocument {
        let lines = Array(source.utf8).split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        let options = CMARK_OPT_SOURCEPOS | CMARK_OPT_SAFE
        guard let root = source.withCString({ cmark_parse_document($0, strlen($0), options) }) else {
            return MarkdownDocument(pieces: [.html("")], headings: [])
        }
        defer { cmark_node_free(root) }

        var anchors = HeadingAnchors()
        var headings: [Heading] = []
        var taken: [FencedBlock] = []
        var sections = [MarkdownDocument.Section(anchor: "", heading: "", text: "")]
        var inHeading = false
        var replacements: [(node: OpaquePointer, marker: String)] = []
        var tables: [(node: OpaquePointer, table: PipeTable)] = []

        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            switch type {
            case CMARK_NODE_CODE_BLOCK:
                guard let block = Self.fencedBlock(node, lines: lines), takesOver(block) else { continue }
                replacements.append((node, Self.marker(taken.count)))
                taken.append(block)
            case CMARK_NODE_HEADING where event == CMARK_EVENT_ENTER:
                let text = Self.text(of: node)
                let heading = Heading(
                    level: Int(cmark_node_get_heading_level(node)),
                    text: text,
                    anchor: anchors.anchor(for: text),
                    line: Int(cmark_node_get_start_line(node)))
                headings.append(heading)
                sections.append(MarkdownDocument.Section(anchor: heading.anchor, heading: heading.text, text: ""))
                inHeading = true
            case CMARK_NODE_HEADING where event == CMARK_EVENT_EXIT:
                inHeading = false
            case CMARK_NODE_PARAGRAPH where event == CMARK_EVENT_ENTER:
                if let table = Self.table(node, lines: lines) {
                    tables.append((node, table))
                }
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if !inHeading { sections[sections.count - 1].text += Self.literal(node) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                sections[sections.count - 1].text += " "
            case CMARK_NODE_PARAGRAPH where event == CMARK_EVENT_EXIT, CMARK_NODE_ITEM where event == CMARK_EVENT_EXIT:
                sections[sections.count - 1].text += " "
            default:
                break
            }
        }

        if !tables.isEmpty {
            // Cells are inline content: each is rendered as the text of one paragraph, after the
            // page's link reference definitions so that reference links resolve.
            let definitions = Self.referenceDefinitions(root, lines: lines)
            for (node, table) in tables {
                replacements.append((node, table.html { Self.inlineHTML($0, definitions: definitions) }))
            }
        }
        for (node, marker) in replacements {
            let custom = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK)
            cmark_node_set_on_enter(custom, marker)
            cmark_node_set_on_exit(custom, "")
            cmark_node_replace(node, custom)
            cmark_node_free(node)
        }
        guard let rendered = cmark_render_html(root, CMARK_OPT_SAFE) else {
            return MarkdownDocument(pieces: [], headings: headings)
        }
        let html = Self.addAnchors(String(cString: rendered), headings: headings)
        free(rendered)
        return MarkdownDocument(
            pieces: Self.split(html, blocks: taken), headings: headings,
            sections: sections.filter { !$0.heading.isEmpty || !$0.text.allSatisfy(\.isWhitespace) })
    }

    /// Gives the n-th rendered heading the n-th anchor. In safe mode every `<hN>` tag of the
    /// output comes from a heading (raw HTML is dropped, text is escaped), in document order.
    private static func addAnchors(_ html: String, headings: [Heading]) -> String {
        let bytes = Array(html.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + headings.count * 40)
        var cursor = 0
        for heading in headings {
            guard let range = find(Array("<h\(heading.level)>".utf8), in: bytes, from: cursor) else { break }
            result += bytes[cursor..<range.lowerBound]
            result += Array("<h\(heading.level) id=\"\(heading.anchor)\">".utf8)
            cursor = range.upperBound
        }
        result += bytes[cursor...]
        return String(decoding: result, as: UTF8.self)
    }

    /// A marker that prose cannot produce: safe mode drops raw HTML, so no comment survives.
    private static func marker(_ index: Int) -> String {
        "<!--tutorial-block:\(index)-->"
    }

    private static func split(_ html: String, blocks: [FencedBlock]) -> [MarkdownDocument.Piece] {
        let bytes = Array(html.utf8)
        var pieces: [MarkdownDocument.Piece] = []
        var cursor = 0
        func prose(_ slice: ArraySlice<UInt8>) {
            let isBlank = slice.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x09 }
            if !isBlank { pieces.append(.html(String(decoding: slice, as: UTF8.self))) }
        }
        for (index, block) in blocks.enumerated() {
            guard let range = find(Array(marker(index).utf8), in: bytes, from: cursor) else { continue }
            prose(bytes[cursor..<range.lowerBound])
            pieces.append(.block(block))
            cursor = range.upperBound
        }
        prose(bytes[cursor...])
        return pieces
    }

    /// Where `needle` first occurs in `haystack` at or after `start` (memmem: pages are long).
    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Range<Int>? {
        guard start <= haystack.count, !needle.isEmpty else { return nil }
        return haystack.withUnsafeBytes { hay in
            needle.withUnsafeBytes { pin -> Range<Int>? in
                guard let base = hay.baseAddress,
                      let found = tutorial_memmem(base + start, UInt(hay.count - start), pin.baseAddress, UInt(pin.count)) else { return nil }
                let offset = base.distance(to: UnsafeRawPointer(found))
                return offset..<(offset + needle.count)
            }
        }
    }

    /// The paragraph as a pipe table, if its source lines form one.
    private static func table(_ node: OpaquePointer, lines: [[UInt8]]) -> PipeTable? {
        let last = Int(cmark_node_get_end_line(node))
        // cmark keeps the source range of a paragraph whose leading link reference definitions it
        // took out: the text left is on the paragraph's last lines, one per line break.
        let first = max(Int(cmark_node_get_start_line(node)), last - lineBreaks(in: node))
        let column = Int(cmark_node_get_start_column(node))
        guard first >= 1, last >= first, last <= lines.count, last > first else { return nil }
        // Each line without its container's prefix (the `> ` of a quote, a list item's indent).
        let rows = lines[(first - 1)..<last].map { bytes in
            Substring(String(decoding: bytes.dropFirst(min(column - 1, bytes.count)), as: UTF8.self))
        }
        return PipeTable(lines: rows)
    }

    /// The soft and hard line breaks of a node's inline content.
    private static func lineBreaks(in node: OpaquePointer) -> Int {
        var count = 0
        var child = cmark_node_first_child(node)
        while let current = child {
            switch cmark_node_get_type(current) {
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: count += 1
            case CMARK_NODE_HTML_INLINE: count += literal(current).utf8.count(where: { $0 == 0x0A })
            default: count += lineBreaks(in: current)
            }
            child = cmark_node_next(current)
        }
        return count
    }

    /// The source of the page's link reference definitions: cmark takes them out of the tree, so
    /// they are the lines no leaf block covers and the leading lines a paragraph lost.
    private static func referenceDefinitions(_ root: OpaquePointer, lines: [[UInt8]]) -> String {
        var covered = [Bool](repeating: false, count: lines.count + 1)
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            let isLeaf = type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING || type == CMARK_NODE_CODE_BLOCK
                || type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_THEMATIC_BREAK
            guard isLeaf else { continue }
            let last = Int(cmark_node_get_end_line(node))
            var first = Int(cmark_node_get_start_line(node))
            if type == CMARK_NODE_PARAGRAPH { first = max(first, last - lineBreaks(in: node)) }
            guard first >= 1, last >= first, last <= lines.count else { continue }
            for line in first...last { covered[line] = true }
        }
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

    /// Marks the start of a table cell: punctuation, so that emphasis around it behaves as at the
    /// start of a line, and text, so that nothing after it can start a block.
    private static let cellStart = "\u{00A1}"

    /// Renders a table cell's Markdown as inline content (a leading `#` or `-` is text), in safe
    /// mode, after the page's link reference definitions.
    private static func inlineHTML(_ markdown: String, definitions: String) -> String {
        let source = definitions + "\n" + cellStart + markdown + "\n"
        guard let rendered = source.withCString({ cmark_markdown_to_html($0, strlen($0), CMARK_OPT_SAFE) }) else {
            return ""
        }
        defer { free(rendered) }
        let html = String(cString: rendered)
        let opening = "<p>" + cellStart
        guard let start = html.range(of: opening, options: .backwards) else { return "" }
        var cell = html[start.upperBound...]
        if cell.hasSuffix("</p>\n") { cell = cell.dropLast(5) }
        return String(cell)
    }

    /// Describes a code block if it is fenced; indented blocks return nil.
    private static func fencedBlock(_ node: OpaquePointer, lines: [[UInt8]]) -> FencedBlock? {
        let line = Int(cmark_node_get_start_line(node))
        let column = Int(cmark_node_get_start_column(node))
        guard line >= 1, line <= lines.count else { return nil }
        let bytes = lines[line - 1]
        guard column >= 1, column <= bytes.count else { return nil }
        let fenceByte = bytes[column - 1]
        guard fenceByte == UInt8(ascii: "`") || fenceByte == UInt8(ascii: "~") else { return nil }
        let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
        let endLine = Int(cmark_node_get_end_line(node))
        let openingLength = bytes[(column - 1)...].prefix { $0 == fenceByte }.count
        return FencedBlock(
            info: info.trimmingCharacters(in: .whitespaces),
            body: literal(node),
            position: SourcePosition(line: line, column: column),
            endLine: endLine,
            fence: Character(Unicode.Scalar(fenceByte)),
            isClosed: endLine > line && endLine <= lines.count
                && isClosingFence(lines[endLine - 1], fence: fenceByte, length: openingLength))
    }

    /// Whether a line (with its container's `>` markers and indentation) is a closing fence.
    private static func isClosingFence(_ line: [UInt8], fence: UInt8, length: Int) -> Bool {
        let content = line.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "\t") }
        let trimmed = content.reversed().drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }
        return trimmed.count >= length && trimmed.allSatisfy { $0 == fence }
    }

    private static func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    private static func text(of node: OpaquePointer) -> String {
        var text = ""
        var child = cmark_node_first_child(node)
        while let current = child {
            switch cmark_node_get_type(current) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE: text += literal(current)
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: text += " "
            default: text += Self.text(of: current)
            }
            child = cmark_node_next(current)
        }
        return text
    }
}
