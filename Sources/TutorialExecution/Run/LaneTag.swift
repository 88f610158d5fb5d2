import CSupport
import Glibc
import TutorialModel

/// Reads the tags a `lanes` example's `print` puts before each line (``LanesSupport``): `TOKEN`,
/// `\u{1}`, six fields separated by `\u{1F}`, `\u{2}`. A line holds one tag, or several when prints
/// with `terminator: ""` built it; the first one says who began the line. Every well-formed tag is
/// removed from the text; anything else (a forged or cut tag) stays in it, byte for byte, and a
/// line with no well-formed tag has no origin. The last tag read is kept: a thread printing many
/// lines repeats its tag, which is then compared, not parsed again.
struct LaneTag {
    /// The longest tag read: longer ones are not tags (thread and type names are short).
    static let maximumLength = 4096

    let token: [UInt8]
    private var last: (bytes: [UInt8], origin: LineOrigin)?

    init(token: [UInt8]) {
        self.token = token
    }

    /// `line` without its tags, and the origin its first tag gives.
    mutating func strip(_ line: UnsafeBufferPointer<UInt8>) -> (text: [UInt8], origin: LineOrigin?) {
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
            if let (parsed, next) = tag(in: line, at: at) {
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
    mutating func tag(in line: UnsafeBufferPointer<UInt8>, at index: Int) -> (LineOrigin, Int)? {
        let fieldsStart = index + token.count + 1
        guard let base = line.baseAddress, !token.isEmpty, fieldsStart <= line.count,
              line[index + token.count] == LanesSupport.start,
              token.withUnsafeBufferPointer({ memcmp(base + index, $0.baseAddress!, token.count) }) == 0 else { return nil }
        let searched = min(line.count, index + Self.maximumLength) - fieldsStart
        guard searched > 0, let found = memchr(base + fieldsStart, Int32(LanesSupport.end), searched) else { return nil }
        let end = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
        let bytes = UnsafeBufferPointer(rebasing: line[index...end])
        if let last, last.bytes.count == bytes.count,
           last.bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) }) == 0 {
            return (last.origin, end + 1)
        }
        let fields = UnsafeBufferPointer(rebasing: line[fieldsStart..<end]).split(
            separator: LanesSupport.separator, omittingEmptySubsequences: false)
        guard let origin = Self.origin(fields.map { String(decoding: $0, as: UTF8.self) }) else { return nil }
        last = (Array(bytes), origin)
        return (origin, end + 1)
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
