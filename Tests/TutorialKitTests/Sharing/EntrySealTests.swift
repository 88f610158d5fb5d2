import Foundation
import Testing
@testable import TutorialBuild
@testable import TutorialExecution

/// The MAC that authenticates remote cache entries: RFC 4231's vectors, and an envelope that
/// opens only for its own key, its own entry and its own bytes.
@Suite struct EntrySealTests {
    func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    @Test func hmacMatchesRFC4231() {
        // Test case 2: a short key.
        #expect(hex(HMACSHA256.mac(key: Array("Jefe".utf8), message: Data("what do ya want for nothing?".utf8)))
            == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        // Test case 6: a key longer than the block is hashed first.
        #expect(hex(HMACSHA256.mac(key: [UInt8](repeating: 0xaa, count: 131), message: Data("Test Using Larger Than Block-Size Key - Hash Key First".utf8)))
            == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }

    @Test func anEnvelopeOpensOnlyForItsKeyEntryAndBytes() throws {
        let seal = try #require(EntrySeal(key: String(repeating: "a", count: 32)))
        let other = try #require(EntrySeal(key: String(repeating: "b", count: 32)))
        let manifest = Data(#"{"files":[{"name":"program","sha256":"00","size":1,"executable":true}],"directory":"/x"}"#.utf8)
        let sealed = try #require(seal.seal(manifest, entry: "tutorial program K1"))
        #expect(seal.open(sealed, entry: "tutorial program K1") == manifest)
        #expect(other.open(sealed, entry: "tutorial program K1") == nil, "another key")
        #expect(seal.open(sealed, entry: "tutorial program K2") == nil, "moved under another entry's name")
        // Any edit of the manifest's text, keeping the MAC, fails.
        let text = try #require(String(data: sealed, encoding: .utf8))
        let edited = Data(text.replacingOccurrences(of: "\\/x", with: "\\/y").utf8)
        #expect(edited != sealed)
        #expect(seal.open(edited, entry: "tutorial program K1") == nil)
        // A bare manifest (the old, unauthenticated format) is refused.
        #expect(seal.open(manifest, entry: "tutorial program K1") == nil)
    }

    @Test func aShortKeyIsRefused() {
        #expect(EntrySeal(key: String(repeating: "a", count: 31)) == nil)
        #expect(SharingSettings.problem(withKey: "short")?.contains("at least 32 bytes") == true)
        #expect(SharingSettings.problem(withKey: String(repeating: "a", count: 32)) == nil)
    }
}
