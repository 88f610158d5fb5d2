import TutorialSupport

/// Program output with terminal colours (SGR escape sequences) as HTML: each run of styled text,
/// escaped, in a `<span>` whose classes the theme's `style.css` styles in both themes
/// (`ansi-bold`, `ansi-faint`, `ansi-italic`, `ansi-underline`, `ansi-fg-N` and `ansi-bg-N` for
/// the 16 colours). A colour of the 256-colour palette beyond those is `ansi-fg-x`/`ansi-bg-x`
/// with its RGB value in a CSS variable (`--ansi-fg`), computed from the index alone. Spans never
/// nest, so the markup grows with the number of sequences, never with their depth; every other
/// escape stays as ``HTML/escape(_:)`` shows it.
package enum ANSIHTML {
    /// `text` as HTML; `style` is the style it starts in and, on return, the one it ends in.
    package static func html(_ text: String, style: inout ANSIStyle) -> String {
        guard text.utf8.contains(0x1B) || !style.isPlain else { return HTML.escape(text) }
        var html = ""
        for segment in ANSIText.segments(text, style: &style) {
            let escaped = HTML.escape(segment.text)
            html += segment.style.isPlain ? escaped : "<span \(attributes(segment.style))>\(escaped)</span>"
        }
        return html
    }

    /// `text` as HTML in the default style, its colours shown.
    package static func html(_ text: String) -> String {
        var style = ANSIStyle()
        return html(text, style: &style)
    }

    /// The `class` (and, for colours past the 16, `style`) attributes of a span in `style`.
    static func attributes(_ style: ANSIStyle) -> String {
        var classes: [String] = []
        var variables: [String] = []
        if style.bold { classes.append("ansi-bold") }
        if style.faint { classes.append("ansi-faint") }
        if style.italic { classes.append("ansi-italic") }
        if style.underline { classes.append("ansi-underline") }
        for (colour, name) in [(style.foreground, "fg"), (style.background, "bg")] {
            guard let colour else { continue }
            if colour < 16 {
                classes.append("ansi-\(name)-\(colour)")
            } else {
                classes.append("ansi-\(name)-x")
                variables.append("--ansi-\(name):\(rgb(colour))")
            }
        }
        let styleAttribute = variables.isEmpty ? "" : " style=\"\(variables.joined(separator: ";"))\""
        return "class=\"\(classes.joined(separator: " "))\"\(styleAttribute)"
    }

    /// The colour of palette entry `index` (16 to 255) as `#rrggbb`: a 6×6×6 cube, then 24 greys.
    static func rgb(_ index: UInt8) -> String {
        let value = Int(index)
        let (red, green, blue): (Int, Int, Int)
        if value >= 232 {
            let grey = 8 + (value - 232) * 10
            (red, green, blue) = (grey, grey, grey)
        } else {
            let cube = value - 16
            let level = { (step: Int) in step == 0 ? 0 : 55 + step * 40 }
            (red, green, blue) = (level(cube / 36), level(cube / 6 % 6), level(cube % 6))
        }
        return "#" + [red, green, blue].map { hex in
            let digits = String(hex, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }
}
