import Crypto

/// A SHA-256 hash, stable across runs and machines (unlike `Hasher`), for cache keys. Cache keys
/// decide which compiled program, captured result or rendered page is reused, and a collision
/// would silently serve the wrong one, so the hash is a cryptographic one (swift-crypto's, with
/// BoringSSL's assembly underneath: hashing stays quick in a debug build of the tool).
/// `SHA256` is not marked `Sendable`, but it is a value type whose state is copied on write
/// (swift-crypto checks `isKnownUniquelyReferenced` before each update), so copies sent to other
/// tasks never share mutable state.
public struct StableHash: @unchecked Sendable {
    private var hasher = SHA256()

    public init() {}

    /// Mixes in `text`'s UTF-8, then a 0xFF byte (which UTF-8 never holds), so that
    /// ("ab", "c") and ("a", "bc") differ.
    public mutating func combine(_ text: String) {
        var text = text
        text.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        hasher.update(data: [0xFF])
    }

    /// Mixes in raw bytes (a file's contents), followed by their count.
    public mutating func combine(bytes: UnsafeRawBufferPointer) {
        hasher.update(bufferPointer: bytes)
        combine(String(bytes.count))
    }

    /// 64 hexadecimal digits.
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(64)
        for byte in hasher.finalize() {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
