import Foundation
import TutorialSupport

/// Authenticates the remote cache's manifests, so that write access to the store is not a way to
/// make readers run a program or publish an output: a manifest is used only when it carries an
/// HMAC-SHA256, made with the team's secret key, over the entry's name and the manifest's exact
/// bytes. The manifest lists each file's SHA-256, so the MAC covers the files too.
///
/// What is stored under `/ac/` is a small JSON envelope: `format`, the manifest as a string, and
/// `hmac` in hexadecimal.
public struct EntrySeal: Sendable {
    /// The envelope's format: a reader refuses any other.
    static let format = "tutorial-sealed-entry-1"
    /// The environment variable that holds the secret key.
    public static let keyVariable = "TUTORIAL_REMOTE_CACHE_KEY"
    /// The fewest bytes a key may have.
    package static let minimumKeyLength = 32

    private let key: [UInt8]

    /// A seal for `key`; nil when the key is shorter than `minimumKeyLength` bytes.
    package init?(key: String) {
        guard key.utf8.count >= Self.minimumKeyLength else { return nil }
        self.key = Array(key.utf8)
    }

    private struct Envelope: Codable {
        var format: String
        var manifest: String
        var hmac: String
    }

    /// The envelope holding `manifest` for the entry `name`.
    func seal(_ manifest: Data, entry name: String) -> Data? {
        guard let text = String(data: manifest, encoding: .utf8) else { return nil }
        let envelope = Envelope(format: Self.format, manifest: text, hmac: SHA256Digest.hex(bytes: mac(manifest, entry: name)))
        return try? JSONEncoder().encode(envelope)
    }

    /// The manifest inside `envelope` when its MAC is right for the entry `name` under this key;
    /// nil for anything else (another format, another key, another entry's manifest, edited bytes).
    func open(_ envelope: Data, entry name: String) -> Data? {
        guard let decoded = try? JSONDecoder().decode(Envelope.self, from: envelope), decoded.format == Self.format,
              let claimed = bytes(hex: decoded.hmac), claimed.count == 32 else { return nil }
        let manifest = Data(decoded.manifest.utf8)
        return Self.constantTimeEqual(claimed, mac(manifest, entry: name)) ? manifest : nil
    }

    /// The MAC of a manifest: the entry's name is part of the message, so that a valid manifest
    /// moved under another name fails.
    private func mac(_ manifest: Data, entry name: String) -> [UInt8] {
        var message = Data("\(Self.format)\0\(name)\0".utf8)
        message.append(manifest)
        return HMACSHA256.mac(key: key, message: message)
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for (x, y) in zip(a, b) { difference |= x ^ y }
        return difference == 0
    }

    private func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count.isMultiple(of: 2) else { return nil }
        var result: [UInt8] = []
        result.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = Self.nibble(digits[index]), let low = Self.nibble(digits[index + 1]) else { return nil }
            result.append(high << 4 | low)
        }
        return result
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}

/// HMAC-SHA256 (RFC 2104), on the tool's own SHA-256.
enum HMACSHA256 {
    private static let blockSize = 64

    static func mac(key: [UInt8], message: Data) -> [UInt8] {
        var block = key.count > blockSize ? SHA256Digest.bytes(Data(key)) : key
        block += [UInt8](repeating: 0, count: blockSize - block.count)
        let inner = SHA256Digest.bytes(Data(block.map { $0 ^ 0x36 }) + message)
        return SHA256Digest.bytes(Data(block.map { $0 ^ 0x5c }) + Data(inner))
    }
}
