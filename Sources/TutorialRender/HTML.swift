/// HTML escaping for text that goes into a page.
enum HTML {
    /// Escapes `&`, `<`, `>`, `"` and `'`, so that text stays text in content and attributes, and
    /// makes characters a page cannot hold visible instead: C0 control characters (ESC, BEL,
    /// NUL...) become their Unicode control pictures (`␛`, `␇`, `␀`), DEL becomes `␡`, a carriage
    /// return not followed by a line feed becomes `␍`, C1 control characters become `\x85`-style
    /// text, and noncharacters (U+FFFE, U+FFFF...) become U+FFFD. Tabs and line breaks stay.
    static func escape<S: StringProtocol>(_ text: S) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            switch scalar.value {
            case 0x26: escaped += "&amp;"
            case 0x3C: escaped += "&lt;"
            case 0x3E: escaped += "&gt;"
            case 0x22: escaped += "&quot;"
            case 0x27: escaped += "&#39;"
            case 0x09, 0x0A: escaped.unicodeScalars.append(scalar)
            case 0x0D:
                let beforeLineFeed = index + 1 < scalars.count && scalars[index + 1] == "\n"
                escaped.unicodeScalars.append(beforeLineFeed ? scalar : "\u{240D}")
            case 0x00...0x1F: escaped.unicodeScalars.append(Unicode.Scalar(0x2400 + scalar.value)!)
            case 0x7F: escaped += "\u{2421}"
            case 0x80...0x9F: escaped += "\\x" + String(scalar.value, radix: 16)
            case 0xFDD0...0xFDEF: escaped += "\u{FFFD}"
            case _ where scalar.value & 0xFFFE == 0xFFFE: escaped += "\u{FFFD}"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// `text` escaped, with each `` `code` `` span written as `<code>code</code>` (a backtick
    /// without its pair stays a backtick).
    static func codeSpans(_ text: String) -> String {
        let parts = text.split(separator: "`", omittingEmptySubsequences: false)
        return parts.enumerated().map { index, part in
            let inside = index % 2 == 1
            if inside && index == parts.count - 1 { return "`" + escape(part) }
            return inside ? "<code>\(escape(part))</code>" : escape(part)
        }.joined()
    }
}
