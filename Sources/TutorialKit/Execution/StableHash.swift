import CSupport

/// A 128-bit FNV-1a hash, stable across runs and machines (unlike `Hasher`), for cache keys.
public struct StableHash: Sendable {
    private var low: UInt64 = 0xcbf2_9ce4_8422_2325
    private var high: UInt64 = 0x6c62_272e_07bb_0142

    public init() {}

    public mutating func combine(_ text: String) {
        var state: [UInt64] = [low, high]
        var text = text
        text.withUTF8 { bytes in
            tutorial_hash_bytes(&state, bytes.baseAddress, UInt(bytes.count))
        }
        low = state[0]
        high = state[1]
        // A separator, so that ("ab", "c") and ("a", "bc") differ.
        combine(0xFF)
    }

    /// Mixes in raw bytes (a file's contents), followed by their count.
    public mutating func combine(bytes: UnsafeRawBufferPointer) {
        var state: [UInt64] = [low, high]
        tutorial_hash_bytes(&state, bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt(bytes.count))
        low = state[0]
        high = state[1]
        combine(String(bytes.count))
    }

    private mutating func combine(_ byte: UInt8) {
        low = (low ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        high = (high ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 &+ (low >> 29)
    }

    /// 32 hexadecimal digits.
    public var hex: String {
        func digits(_ value: UInt64) -> String {
            let text = String(value, radix: 16)
            return String(repeating: "0", count: 16 - text.count) + text
        }
        return digits(high) + digits(low)
    }
}
