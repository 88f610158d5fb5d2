import Foundation

/// A cache entry that carries the SHA-256 of its contents on its first line, so that an entry
/// cut short, or changed after it was written, is noticed before it is used (and made again),
/// never published as it is.
package enum CheckedEntry {
    private static let prefix = Data("sha256:".utf8)
    /// `sha256:`, 64 hexadecimal digits and a newline.
    private static let headerCount = prefix.count + 64 + 1

    /// `contents` with its hash before it: what the cache stores.
    package static func seal(_ contents: Data) -> Data {
        prefix + Data(SHA256Digest.hex(contents).utf8) + Data([0x0A]) + contents
    }

    /// The contents of a stored entry, or nil when it has no header or its contents do not have
    /// the hash it names.
    package static func open(_ stored: Data) -> Data? {
        guard stored.count >= headerCount, stored.starts(with: prefix), stored[stored.startIndex + headerCount - 1] == 0x0A else {
            return nil
        }
        let start = stored.startIndex
        let hash = stored[(start + prefix.count)..<(start + headerCount - 1)]
        let contents = stored[(start + headerCount)...]
        guard Data(SHA256Digest.hex(contents).utf8) == hash else { return nil }
        return Data(contents)
    }
}
