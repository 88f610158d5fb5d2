import CSupport

/// A SHA-256 hash, stable across runs and machines (unlike `Hasher`), for cache keys. Cache keys
/// decide which compiled program, captured result or rendered page is reused, and a collision
/// would silently serve the wrong one, so the hash is a cryptographic one (FIPS 180-4, in C:
/// `Sources/CSupport/Sha256.c`, checked against the standard test vectors).
package struct StableHash: Sendable {
    private var state = tutorial_sha256_state()

    package init() {
        tutorial_sha256_init(&state)
    }

    /// Mixes in `text`'s UTF-8, then a 0xFF byte (which UTF-8 never holds), so that
    /// ("ab", "c") and ("a", "bc") differ.
    package mutating func combine(_ text: String) {
        var text = text
        text.withUTF8 { tutorial_sha256_update(&state, $0.baseAddress, UInt($0.count)) }
        var separator: UInt8 = 0xFF
        tutorial_sha256_update(&state, &separator, 1)
    }

    /// Mixes in raw bytes (a file's contents), followed by their count.
    mutating func combine(bytes: UnsafeRawBufferPointer) {
        tutorial_sha256_update(&state, bytes.bindMemory(to: UInt8.self).baseAddress, UInt(bytes.count))
        combine(String(bytes.count))
    }

    /// 64 hexadecimal digits.
    package var hex: String {
        var copy = state
        var digest = [UInt8](repeating: 0, count: 32)
        tutorial_sha256_final(&copy, &digest)
        return SHA256Digest.hex(bytes: digest)
    }
}
