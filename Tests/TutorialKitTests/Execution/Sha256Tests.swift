import CSupport
import Testing

/// SHA-256 fed piece by piece gives the digest of the whole, wherever the pieces split it.
@Suite struct Sha256Tests {
    static func digest(_ pieces: [[UInt8]]) -> [UInt8] {
        var state = tutorial_sha256_state()
        tutorial_sha256_init(&state)
        for piece in pieces { piece.withUnsafeBufferPointer { tutorial_sha256_update(&state, $0.baseAddress, UInt($0.count)) } }
        var digest = [UInt8](repeating: 0, count: 32)
        tutorial_sha256_final(&state, &digest)
        return digest
    }

    @Test func piecesGiveTheDigestOfTheWhole() {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<1_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        var whole = [UInt8](repeating: 0, count: 32)
        tutorial_sha256(bytes, UInt(bytes.count), &whole)
        for split in [0, 1, 55, 56, 63, 64, 65, 127, 128, 500, 999, 1_000] {
            #expect(Self.digest([Array(bytes[..<split]), Array(bytes[split...])]) == whole, "split at \(split)")
        }
        #expect(Self.digest(bytes.map { [$0] }) == whole)
    }

    @Test func theEmptyMessageHasItsStandardDigest() {
        let hex = Self.digest([]).map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
        #expect(hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}
