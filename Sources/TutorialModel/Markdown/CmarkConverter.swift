import CCmark
import Foundation

import Glibc

/// Converts cmark's node tree into `MarkdownBlock` values. This is the only file that touches
/// cmark's pointers: everything it returns is a Swift value.
struct CmarkConverter {
    /// Parses `source` (safe mode, cmark's defaults) into a document block.
    static func document(_ source: String) -> MarkdownBlock {
        document(source, lines: Array(source.utf8).split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init))
    }

    /// Parses `source`, whose `lines` the caller has already split, into a document block.
    static func document(_ source: String, lines: [[UInt8]]) -> MarkdownBlock {
        guard let root = source.withCString({ cmark_parse_document($0, strlen($0), CMARK_OPT_DEFAULT) }) else {
            let origin = SourcePosition(line: 1, column: 1)
            return MarkdownBlock(kind: .document, range: SourceRange(start: origin, end: origin))
        }
        defer { cmark_node_free(root) }
        return CmarkConverter(lines: lines).block(root)
    }

    /// Marks the start of a table cell: punctuation, so that emphasis around it behaves as at the
    /// start of a line, and text, so that nothing after it can start a block.
    private static let cellStart = "\u{00A1}"

    /// Parses a table cell's Markdown as the inline content of one paragraph written after
    /// `definitions` (the page's link reference definitions), so that reference links resolve
    /// and a leading `#` or `-` stays text.
    static func cellInlines(_ markdown: String, definitions: String) -> [MarkdownInline] {
        let document = Self.document(definitions + "\n" + cellStart + markdown + "\n")
        var found: [MarkdownInline]?
        func visit(_ block: MarkdownBlock) {
            // By scalars: a cell starting with a combining mark makes one character with the marker.
            if case .paragraph(let inlines) = block.kind, case .text(let first)? = inlines.first,
               first.unicodeScalars.first == cellStart.unicodeScalars.first {
                let rest = String(first.unicodeScalars.dropFirst())
                found = (rest.isEmpty ? [] : [.text(rest)]) + inlines.dropFirst()
            }
            block.children.forEach(visit)
        }
        visit(document)
        return found ?? []
    }

    private let lines: [[UInt8]]

    private func block(_ node: OpaquePointer) -> MarkdownBlock {
        let range = SourceRange(
            start: SourcePosition(line: Int(cmark_node_get_start_line(node)), column: Int(cmark_node_get_start_column(node))),
            end: SourcePosition(line: Int(cmark_node_get_end_line(node)), column: Int(cmark_node_get_end_column(node))))
        var children: [MarkdownBlock] = []
        let kind: MarkdownBlock.Kind
        switch cmark_node_get_type(node) {
        case CMARK_NODE_BLOCK_QUOTE: kind = .blockQuote
        case CMARK_NODE_LIST:
            let delimiter: MarkdownList.Delimiter = switch cmark_node_get_list_delim(node) {
            case CMARK_PERIOD_DELIM: .period
            case CMARK_PAREN_DELIM: .parenthesis
            default: .none
            }
            kind = .list(MarkdownList(
                isOrdered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                start: Int(cmark_node_get_list_start(node)),
                delimiter: delimiter,
                isTight: cmark_node_get_list_tight(node) != 0))
        case CMARK_NODE_ITEM: kind = .item
        case CMARK_NODE_PARAGRAPH: kind = .paragraph(inlines(of: node))
        case CMARK_NODE_HEADING: kind = .heading(level: Int(cmark_node_get_heading_level(node)), inlines(of: node))
        case CMARK_NODE_CODE_BLOCK: kind = .codeBlock(codeBlock(node, range: range))
        case CMARK_NODE_HTML_BLOCK: kind = .htmlBlock(Self.literal(node))
        case CMARK_NODE_THEMATIC_BREAK: kind = .thematicBreak
        default: kind = .document
        }
        switch kind {
        case .document, .blockQuote, .list, .item:
            var child = cmark_node_first_child(node)
            while let current = child {
                children.append(block(current))
                child = cmark_node_next(current)
            }
        default: break
        }
        return MarkdownBlock(kind: kind, range: range, children: children)
    }

    private func inlines(of node: OpaquePointer) -> [MarkdownInline] {
        var result: [MarkdownInline] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            switch cmark_node_get_type(current) {
            case CMARK_NODE_TEXT: result.append(.text(Self.literal(current)))
            case CMARK_NODE_SOFTBREAK: result.append(.softBreak)
            case CMARK_NODE_LINEBREAK: result.append(.lineBreak)
            case CMARK_NODE_CODE: result.append(.code(Self.literal(current)))
            case CMARK_NODE_HTML_INLINE: result.append(.htmlInline(Self.literal(current)))
            case CMARK_NODE_EMPH: result.append(.emphasis(inlines(of: current)))
            case CMARK_NODE_STRONG: result.append(.strong(inlines(of: current)))
            case CMARK_NODE_LINK:
                result.append(.link(url: Self.url(current), title: Self.title(current), inlines(of: current)))
            case CMARK_NODE_IMAGE:
                result.append(.image(url: Self.url(current), title: Self.title(current), inlines(of: current)))
            default: result += inlines(of: current)
            }
            child = cmark_node_next(current)
        }
        return result
    }

    /// A code block; a fenced one also gets its fence character and whether it was closed.
    private func codeBlock(_ node: OpaquePointer, range: SourceRange) -> MarkdownCodeBlock {
        var code = MarkdownCodeBlock(
            info: cmark_node_get_fence_info(node).map { String(cString: $0) } ?? "",
            literal: Self.literal(node), fence: nil, isClosed: true)
        let line = range.start.line, column = range.start.column
        guard line >= 1, line <= lines.count, column >= 1, column <= lines[line - 1].count else { return code }
        let bytes = lines[line - 1]
        let fenceByte = bytes[column - 1]
        guard fenceByte == UInt8(ascii: "`") || fenceByte == UInt8(ascii: "~") else { return code }
        let openingLength = bytes[(column - 1)...].prefix { $0 == fenceByte }.count
        let endLine = range.end.line
        code.fence = Character(Unicode.Scalar(fenceByte))
        code.isClosed = endLine > line && endLine <= lines.count
            && Self.isClosingFence(lines[endLine - 1], fence: fenceByte, length: openingLength)
        return code
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

    private static func url(_ node: OpaquePointer) -> String {
        cmark_node_get_url(node).map { String(cString: $0) } ?? ""
    }

    /// cmark's getter gives "" both for no title and for an empty one (`[a](/u "")`), which
    /// cmark writes out; only its own rendering of the node tells them apart.
    private static func title(_ node: OpaquePointer) -> String? {
        let title = cmark_node_get_title(node).map { String(cString: $0) } ?? ""
        guard title.isEmpty else { return title }
        guard let rendered = cmark_render_html(node, CMARK_OPT_DEFAULT) else { return nil }
        defer { free(rendered) }
        let html = String(cString: rendered)
        if cmark_node_get_type(node) == CMARK_NODE_IMAGE {
            return html.hasSuffix("\" title=\"\" />") ? "" : nil
        }
        // `<a href="…"`: the escaped URL holds no quote, so the attribute after it is the title's.
        let afterHref = html.dropFirst("<a href=\"".count).drop { $0 != "\"" }
        return afterHref.hasPrefix("\" title=\"") ? "" : nil
    }
}
