/// The text style a terminal keeps between SGR escape sequences (`ESC[…m`): bold, faint, italic,
/// underline, and a foreground and background colour from the 256-colour palette (0 to 7 the
/// 8 colours, 8 to 15 their bright forms, 16 to 255 the 256-colour cube and greys).
package struct ANSIStyle: Hashable, Sendable {
    package var bold = false
    package var faint = false
    package var italic = false
    package var underline = false
    package var foreground: UInt8?
    package var background: UInt8?

    package init() {}

    /// True when nothing differs from the terminal's default.
    package var isPlain: Bool { self == ANSIStyle() }

    /// Applies the parameters of one SGR sequence, in order; an empty list resets, as `ESC[m`
    /// does. Unknown parameters are skipped, and 24-bit colours (`38;2;R;G;B`) leave the colour
    /// as it was (their five numbers consumed), since a page shows palette colours only.
    package mutating func apply(_ parameters: [Int]) {
        if parameters.isEmpty { self = ANSIStyle() }
        var index = 0
        while index < parameters.count {
            let code = parameters[index]
            index += 1
            switch code {
            case 0: self = ANSIStyle()
            case 1: bold = true
            case 2: faint = true
            case 3: italic = true
            case 4: underline = true
            case 22: bold = false; faint = false
            case 23: italic = false
            case 24: underline = false
            case 30...37: foreground = UInt8(code - 30)
            case 90...97: foreground = UInt8(code - 90 + 8)
            case 39: foreground = nil
            case 40...47: background = UInt8(code - 40)
            case 100...107: background = UInt8(code - 100 + 8)
            case 49: background = nil
            case 38, 48:
                guard index < parameters.count else { return }
                let kind = parameters[index]
                if kind == 5, index + 1 < parameters.count {
                    let colour = parameters[index + 1]
                    if (0...255).contains(colour) {
                        if code == 38 { foreground = UInt8(colour) } else { background = UInt8(colour) }
                    }
                    index += 2
                } else if kind == 2 {
                    index += 4
                } else {
                    index += 1
                }
            default: break
            }
        }
    }
}
