import CSupport
import Foundation

/// A cache entry that carries the SHA-256 of its contents on its first line, so that an entry
/// cut short, or changed after it was written, is noticed before it is used (and made again),
/// never published as it is.
enum CheckedEntry {
    private static let prefix = Data("sha256:".utf8)
    /// `sha256:`, 64 hexadecimal digits and a newline.
    private static let headerCount = prefix.count + 64 + 1

    /// The SHA-256 of `data`, as 64 lowercase hexadecimal digits (what `SHA256Digest.hex` gives,
    /// without a formatted string per byte: a build hashes every file of its site).
    static func sha256(_ data: Data) -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        data.withUnsafeBytes { tutorial_sha256($0.bindMemory(to: UInt8.self).baseAddress, UInt($0.count), &digest) }
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: digest.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0F)]] }, as: UTF8.self)
    }

    /// `contents` with its hash before it: what the cache stores.
    static func seal(_ contents: Data) -> Data {
        prefix + Data(sha256(contents).utf8) + Data([0x0A]) + contents
    }

    /// The contents of a stored entry, or nil when it has no header or its contents do not have
    /// the hash it names.
    static func open(_ stored: Data) -> Data? {
        guard stored.count >= headerCount, stored.starts(with: prefix), stored[stored.startIndex + headerCount - 1] == 0x0A else {
            return nil
        }
        let start = stored.startIndex
        let hash = stored[(start + prefix.count)..<(start + headerCount - 1)]
        let contents = stored[(start + headerCount)...]
        guard Data(sha256(contents).utf8) == hash else { return nil }
        return Data(contents)
    }
}
