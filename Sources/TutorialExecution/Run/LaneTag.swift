import CSupport
import TutorialModel

/// Reads the tags a `lanes` example's `print` puts before each line (``LanesSupport``): `TOKEN`,
/// `\u{1}`, six fields separated by `\u{1F}`, `\u{2}`. A line holds one tag, or several when prints
/// with `terminator: ""` built it; the first one says who began the line. Every well-formed tag is
/// removed from the text; anything else (a forged or cut tag) stays in it, byte for byte, and a
/// line with no well-formed tag has no origin.
enum LaneTag {
    /// The longest tag read: longer ones are not tags (thread and type names are short).
    static let maximumLength = 4096

    /// `line` without its tags, and the origin its first tag gives.
    static func strip(_ line: UnsafeBufferPointer<UInt8>, token: [UInt8]) -> (text: [UInt8], origin: LineOrigin?) {
        var text: [UInt8] = []
        text.reserveCapacity(line.count)
        var origin: LineOrigin?
        var index = 0
        while index < line.count {
            let found = token.withUnsafeBufferPointer { needle in
                tutorial_find(line.baseAddress! + index, UInt(line.count - index), needle.baseAddress, UInt(needle.count))
            }
            guard found >= 0 else { break }
            let at = index + found
            text += line[index..<at]
            if let (parsed, next) = tag(in: line, at: at, token: token) {
                if origin == nil { origin = parsed }
                index = next
            } else {
                text.append(line[at])
                index = at + 1
            }
        }
        if index < line.count { text += line[index...] }
        return (text, origin)
    }

    /// The tag starting at `index`, and the index after it; nil when none starts there.
    static func tag(in line: UnsafeBufferPointer<UInt8>, at index: Int, token: [UInt8]) -> (LineOrigin, Int)? {
        let fieldsStart = index + token.count + 1
        guard !token.isEmpty, line[index] == token[0], fieldsStart <= line.count,
              line[index + token.count] == LanesSupport.start else { return nil }
        for offset in 1..<token.count where line[index + offset] != token[offset] { return nil }
        // Where each field starts; the last one ends at the tag's end.
        var starts = [fieldsStart]
        var position = fieldsStart
        while position < line.count, position - index <= maximumLength {
            switch line[position] {
            case LanesSupport.end:
                guard starts.count == LanesSupport.fieldCount else { return nil }
                let fields = starts.indices.map { field in
                    let end = field + 1 < starts.count ? starts[field + 1] - 1 : position
                    return String(decoding: UnsafeBufferPointer(rebasing: line[starts[field]..<end]), as: UTF8.self)
                }
                guard let origin = origin(fields) else { return nil }
                return (origin, position + 1)
            case LanesSupport.separator:
                guard starts.count < LanesSupport.fieldCount else { return nil }
                starts.append(position + 1)
            default:
                break
            }
            position += 1
        }
        return nil
    }

    /// The origin the fields of a tag give, or nil when they are not those of a tag.
    static func origin(_ text: [String]) -> LineOrigin? {
        guard text.count == LanesSupport.fieldCount else { return nil }
        guard let thread = Int(text[0]), text[1] == "0" || text[1] == "1" else { return nil }
        let actor: LineOrigin.Actor? = switch text[4] {
        case "": nil
        case "M": LineOrigin.Actor(id: nil, type: "MainActor")
        default: LineOrigin.Actor(id: text[4], type: text[5])
        }
        return LineOrigin(
            thread: thread, mainThread: text[1] == "1", threadName: text[2],
            task: text[3].isEmpty ? nil : text[3], actor: actor)
    }
}
