/// The URL rules of cmark's safe mode and of its `href` escaping.
enum URLSafety {
    /// Whether a link or image URL is emptied in safe mode: it starts (in any case) with
    /// `javascript:`, `vbscript:`, `file:` or `data:`, except for `data:image/png`, `gif`,
    /// `jpeg` and `webp`.
    static func isDangerous(_ url: String) -> Bool {
        let lowered = url.utf8.prefix(16).map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 }
        func starts(_ prefix: String) -> Bool { lowered.starts(with: prefix.utf8) }
        if ["png", "gif", "jpeg", "webp"].contains(where: { starts("data:image/" + $0) }) { return false }
        return ["javascript:", "vbscript:", "file:", "data:"].contains(where: starts)
    }

    /// The bytes written as they are in an `href`: letters, digits and `!#$%()*+,-./:;=?@_~`.
    static func isSafe(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            "!#$%()*+,-./:;=?@_~".utf8.contains(byte)
        }
    }
}
