import CSupport
import Foundation

/// SHA-256 of whole buffers (cache entries, the remote cache's blobs, programs), and the one hex
/// encoding every hash of the tool is written in.
package enum SHA256Digest {
    /// The 32 bytes of the digest.
    package static func bytes(_ data: Data) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 32)
        data.withUnsafeBytes { buffer in
            tutorial_sha256(buffer.bindMemory(to: UInt8.self).baseAddress, UInt(buffer.count), &digest)
        }
        return digest
    }

    /// 64 lowercase hexadecimal digits.
    package static func hex(_ data: Data) -> String { hex(bytes: bytes(data)) }

    package static func hex(_ text: String) -> String { hex(Data(text.utf8)) }

    /// `bytes` as lowercase hexadecimal digits, two a byte (without a formatted string per byte:
    /// a build hashes every file of its site).
    package static func hex(bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(64)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
