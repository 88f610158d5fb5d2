import SwiftIDEUtils
import SwiftParser
import SwiftSyntax

/// Highlights Swift code on the server, from swift-syntax's own classification of the tokens.
package enum SwiftHighlighter {
    /// Code longer than this many bytes of UTF-8 is shown escaped, without colours: parsing and
    /// classifying cost 15 to 25 ms a KB in a debug build on 2 busy cores (measured with
    /// `Benchmarks/bigbook-benchmark.py --highlight`), so a 2.5 MB cell took 38 s, while a cell
    /// of 64 KB, far beyond what a reader studies in a tutorial, takes about a second.
    package static let sizeLimit = 64 * 1024

    /// The code as HTML: escaped text, with `<span class="…">` around classified tokens; only
    /// escaped when it is longer than ``sizeLimit``.
    package static func html(_ code: String) -> String {
        guard code.utf8.count <= sizeLimit else { return HTML.escape(code) }
        let tree = Parser.parse(source: code)
        let bytes = Array(code.utf8)
        var html = ""
        var cursor = 0
        for range in tree.classifications {
            let start = min(max(range.range.lowerBound.utf8Offset, cursor), bytes.count)
            let end = min(range.range.upperBound.utf8Offset, bytes.count)
            guard start < end else { continue }
            if start > cursor { html += text(bytes[cursor..<start]) }
            let piece = text(bytes[start..<end])
            if let name = cssClass(range.kind) {
                html += "<span class=\"\(name)\">\(piece)</span>"
            } else {
                html += piece
            }
            cursor = end
        }
        if cursor < bytes.count { html += text(bytes[cursor...]) }
        return html
    }

    private static func text(_ bytes: ArraySlice<UInt8>) -> String {
        HTML.escape(String(decoding: bytes, as: UTF8.self))
    }

    /// The stylesheet's class for each kind of token; nil for plain text.
    static func cssClass(_ kind: SyntaxClassification) -> String? {
        switch kind {
        case .keyword: "kw"
        case .type: "ty"
        case .identifier, .dollarIdentifier: nil
        case .stringLiteral, .regexLiteral: "str"
        case .integerLiteral, .floatLiteral: "num"
        case .lineComment, .blockComment: "cm"
        case .docLineComment, .docBlockComment: "cm doc"
        case .attribute: "attr"
        case .ifConfigDirective: "pp"
        case .operator: "op"
        case .argumentLabel: "label"
        case .editorPlaceholder: "placeholder"
        case .none: nil
        @unknown default: nil
        }
    }
}
