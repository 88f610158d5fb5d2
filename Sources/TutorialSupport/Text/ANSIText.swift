/// Program output that may hold SGR escape sequences (`ESC[…m`, the colours and bold of
/// terminals), cut into runs of text of one style. Only complete SGR sequences of at most
/// ``maximumSequenceLength`` bytes count: any other escape (another control sequence, an
/// unterminated or overlong one) stays in the text as it was, for the page to show visibly.
package enum ANSIText {
    /// A run of text and the style it is shown in.
    package struct Segment: Hashable, Sendable {
        package var text: Substring
        package var style: ANSIStyle
    }

    /// The longest SGR sequence read as one, escape and `m` included: longer ones are text.
    package static let maximumSequenceLength = 128

    /// `text` cut at its SGR sequences, each run with the style in force there; `style` is the
    /// style the text starts in and, on return, the one it ends in (for the next line). Runs
    /// are never empty; the sequences themselves are left out.
    package static func segments(_ text: String, style: inout ANSIStyle) -> [Segment] {
        var segments: [Segment] = []
        let bytes = text.utf8
        var runStart = bytes.startIndex
        var index = bytes.startIndex
        while index < bytes.endIndex {
            guard bytes[index] == 0x1B, let (parameters, end) = sequence(in: bytes, at: index) else {
                index = bytes.index(after: index)
                continue
            }
            if runStart < index { segments.append(Segment(text: text[runStart..<index], style: style)) }
            style.apply(parameters)
            index = end
            runStart = end
        }
        if runStart < bytes.endIndex { segments.append(Segment(text: text[runStart...], style: style)) }
        return segments
    }

    /// `text` without its SGR sequences.
    package static func stripped(_ text: String) -> String {
        guard text.utf8.contains(0x1B) else { return text }
        var style = ANSIStyle()
        return segments(text, style: &style).map(\.text).joined()
    }

    /// The parameters of the SGR sequence starting at `start` (an ESC) and the index after it;
    /// nil when no complete, short enough SGR sequence starts there.
    private static func sequence(in bytes: String.UTF8View, at start: String.Index) -> ([Int], String.Index)? {
        var index = bytes.index(after: start)
        guard index < bytes.endIndex, bytes[index] == UInt8(ascii: "[") else { return nil }
        index = bytes.index(after: index)
        var parameters: [Int] = []
        var current: Int?
        var length = 2
        while index < bytes.endIndex, length < maximumSequenceLength {
            let byte = bytes[index]
            length += 1
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                // Saturates: a huge number is no code anyway.
                current = min((current ?? 0) * 10 + Int(byte - UInt8(ascii: "0")), 100_000)
            case UInt8(ascii: ";"), UInt8(ascii: ":"):
                parameters.append(current ?? 0)
                current = nil
            case UInt8(ascii: "m"):
                if let current { parameters.append(current) } else if !parameters.isEmpty { parameters.append(0) }
                return (parameters, bytes.index(after: index))
            default:
                return nil
            }
            index = bytes.index(after: index)
        }
        return nil
    }
}
