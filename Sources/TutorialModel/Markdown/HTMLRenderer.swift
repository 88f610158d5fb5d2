/// Writes a Markdown tree as HTML, byte for byte as cmark's `cmark_render_html` does with its
/// default (safe) options: raw HTML is left out, and `javascript:`, `vbscript:`, `file:` and
/// `data:` URLs (but images in PNG, GIF, JPEG or WebP) are emptied. On top of cmark, headings
/// take ids and a "#" link to themselves (in the static HTML: no script needed), pipe tables are
/// written, and fenced blocks the tool takes over become pieces of their own.
struct HTMLRenderer {
    /// The ids of the document's headings, in document order (none: headings take no id).
    let headingIDs: [String]
    /// The plain text of the same headings, which names each one's "#" link for a screen reader.
    let headingTexts: [String]
    /// The block the tool renders itself in place of a code block, if it takes this one over.
    let takeOver: (MarkdownBlock) -> FencedBlock?

    private var pieces: [MarkdownDocument.Piece] = []
    private var html: [UInt8] = []
    private var headingIndex = 0

    init(headingIDs: [String] = [], headingTexts: [String] = [], takeOver: @escaping (MarkdownBlock) -> FencedBlock? = { _ in nil }) {
        self.headingIDs = headingIDs
        self.headingTexts = headingTexts
        self.takeOver = takeOver
    }

    /// The document as prose pieces around the blocks taken over; blank prose is dropped.
    mutating func pieces(_ document: MarkdownBlock) -> [MarkdownDocument.Piece] {
        pieces = []
        html = []
        headingIndex = 0
        render(document, tight: false)
        flush()
        return pieces
    }

    /// The document as one HTML string (nothing taken over).
    static func html(_ document: MarkdownBlock) -> String {
        var renderer = HTMLRenderer()
        renderer.render(document, tight: false)
        return String(decoding: renderer.html, as: UTF8.self)
    }

    private mutating func flush() {
        let isBlank = html.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x09 }
        if !isBlank { pieces.append(.html(String(decoding: html, as: UTF8.self))) }
        html = []
    }

    /// Starts a new line unless the output is empty or already at one.
    private mutating func cr() {
        if let last = html.last, last != 0x0A { html.append(0x0A) }
    }

    private mutating func write(_ text: String) {
        html += text.utf8
    }

    /// `tight`: the block is directly inside an item of a tight list.
    private mutating func render(_ block: MarkdownBlock, tight: Bool) {
        switch block.kind {
        case .document:
            block.children.forEach { render($0, tight: false) }
        case .blockQuote:
            cr()
            write("<blockquote>\n")
            block.children.forEach { render($0, tight: false) }
            cr()
            write("</blockquote>\n")
        case .list(let list):
            cr()
            if !list.isOrdered {
                write("<ul>\n")
            } else if list.start == 1 {
                write("<ol>\n")
            } else {
                write("<ol start=\"\(list.start)\">\n")
            }
            for item in block.children {
                cr()
                write("<li>")
                item.children.forEach { render($0, tight: list.isTight) }
                write("</li>\n")
            }
            write(list.isOrdered ? "</ol>\n" : "</ul>\n")
        case .item:
            // Items are written by their list, which knows whether it is tight.
            block.children.forEach { render($0, tight: false) }
        case .paragraph(let inlines):
            if !tight {
                cr()
                write("<p>")
            }
            render(inlines)
            if !tight { write("</p>\n") }
        case .heading(let level, let inlines):
            cr()
            var id: String?
            if headingIndex < headingIDs.count {
                id = headingIDs[headingIndex]
                write("<h\(level) id=\"\(headingIDs[headingIndex])\">")
                headingIndex += 1
            } else {
                write("<h\(level)>")
            }
            render(inlines)
            if let id { anchorLink(to: id, text: headingTexts.indices.contains(headingIndex - 1) ? headingTexts[headingIndex - 1] : id) }
            write("</h\(level)>\n")
        case .codeBlock(let code):
            cr()
            if let taken = takeOver(block) {
                flush()
                pieces.append(.block(taken))
                // cmark starts a new line after a custom block; the next prose keeps it.
                html = [0x0A]
                return
            }
            let language = code.info.utf8.prefix { !Self.isSpace($0) }
            if language.isEmpty {
                write("<pre><code>")
            } else {
                write("<pre><code class=\"language-")
                escape(String(decoding: language, as: UTF8.self))
                write("\">")
            }
            escape(code.literal)
            write("</code></pre>\n")
        case .htmlBlock:
            cr()
            write("<!-- raw HTML omitted -->")
            cr()
        case .thematicBreak:
            cr()
            write("<hr />\n")
        case .table(let table):
            cr()
            render(table)
        }
    }

    private mutating func render(_ table: MarkdownTable) {
        func row(_ row: MarkdownTable.Row, tag: String) {
            write("<tr>")
            for (cell, alignment) in zip(row.cells, table.alignments) {
                // An empty header cell (a corner) is a data cell: a header must name something.
                let tag = tag == "th" && cell.isEmpty ? "td" : tag
                switch alignment {
                case .none: write("<\(tag)>")
                case .left: write("<\(tag) style=\"text-align: left\">")
                case .center: write("<\(tag) style=\"text-align: center\">")
                case .right: write("<\(tag) style=\"text-align: right\">")
                }
                render(cell)
                write("</\(tag)>")
            }
            write("</tr>\n")
        }
        // A wide table scrolls in its own box (focusable, so that a keyboard can scroll it), not the page.
        write("<div class=\"table-scroll\" role=\"group\" aria-label=\"Table\" tabindex=\"0\">\n<table>\n<thead>\n")
        row(table.header, tag: "th")
        write("</thead>\n")
        if !table.rows.isEmpty {
            write("<tbody>\n")
            table.rows.forEach { row($0, tag: "td") }
            write("</tbody>\n")
        }
        write("</table>\n</div>\n")
    }

    private mutating func render(_ inlines: [MarkdownInline]) {
        for inline in inlines {
            switch inline {
            case .text(let literal): escape(literal)
            case .softBreak: write("\n")
            case .lineBreak: write("<br />\n")
            case .code(let literal):
                write("<code>")
                escape(literal)
                write("</code>")
            case .htmlInline: write("<!-- raw HTML omitted -->")
            case .emphasis(let children):
                write("<em>")
                render(children)
                write("</em>")
            case .strong(let children):
                write("<strong>")
                render(children)
                write("</strong>")
            case .link(let url, let title, let children):
                write("<a href=\"")
                escapeURL(url)
                if let title {
                    write("\" title=\"")
                    escape(title)
                }
                write("\">")
                render(children)
                write("</a>")
            case .image(let url, let title, let children):
                write("<img src=\"")
                escapeURL(url)
                write("\" alt=\"")
                renderPlain(children)
                if let title {
                    write("\" title=\"")
                    escape(title)
                }
                write("\" />")
            }
        }
    }

    /// An image's description: its text only, escaped, a space for each line break.
    private mutating func renderPlain(_ inlines: [MarkdownInline]) {
        for inline in inlines {
            switch inline {
            case .text(let literal), .code(let literal), .htmlInline(let literal): escape(literal)
            case .softBreak, .lineBreak: write(" ")
            case .emphasis(let children), .strong(let children),
                 .link(_, _, let children), .image(_, _, let children):
                renderPlain(children)
            }
        }
    }

    /// cmark's whitespace: space, tab, line feed, vertical tab, form feed, carriage return.
    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    /// The heading's link to itself, named for it: `#` is all a sighted reader needs.
    private mutating func anchorLink(to id: String, text: String) {
        write("<a class=\"anchor\" href=\"#\(id)\" aria-label=\"Link to the section ")
        escape(text)
        write("\">#</a>")
    }

    /// Text and attribute values: `"`, `&`, `<`, `>` become entities.
    private mutating func escape(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            for index in bytes.indices {
                let entity: String
                switch bytes[index] {
                case UInt8(ascii: "\""): entity = "&quot;"
                case UInt8(ascii: "&"): entity = "&amp;"
                case UInt8(ascii: "<"): entity = "&lt;"
                case UInt8(ascii: ">"): entity = "&gt;"
                default: continue
                }
                html.append(contentsOf: bytes[start..<index])
                html += entity.utf8
                start = index + 1
            }
            html.append(contentsOf: bytes[start...])
        }
    }

    /// A URL as an attribute value, empty if dangerous: bytes outside the URL-safe set are
    /// percent-encoded, but `&` and `'` become entities.
    private mutating func escapeURL(_ url: String) {
        guard !URLSafety.isDangerous(url) else { return }
        for byte in url.utf8 {
            if URLSafety.isSafe(byte) {
                html.append(byte)
            } else if byte == UInt8(ascii: "&") {
                write("&amp;")
            } else if byte == UInt8(ascii: "'") {
                write("&#x27;")
            } else {
                let digits = Array("0123456789ABCDEF".utf8)
                html += [UInt8(ascii: "%"), digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
            }
        }
    }
}
