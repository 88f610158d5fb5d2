import Foundation
import Testing
@testable import TutorialKit

/// A remote cache server that accepts connections and never answers: the first request times
/// out, the cache says so once, and later requests do not wait again.
@Suite struct RemoteTimeoutTests {
    @Test func aSilentServerTimesOutOnceAndIsLeftAlone() async throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let listening = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, length) == 0 && getsockname(listener, $0, &length) == 0 && listen(listener, 16) == 0
            }
        }
        try #require(listening)
        let url = try #require(URL(string: "http://127.0.0.1:\(UInt16(bigEndian: address.sin_port))/"))
        let remote = RemoteCache(base: url, seal: EntrySeal(key: String(repeating: "k", count: 32)), timeout: 1)
        let start = Date()
        #expect(await remote.get("ac/0000") == nil)
        // It waited for the timeout. (No upper bound: under a loaded test run the task may resume
        // late, which says nothing about the cache.)
        #expect(Date().timeIntervalSince(start) >= 0.9)
        #expect(remote.warnings.count == 1)
        #expect(remote.warnings.first?.contains("unavailable") == true)
        #expect(remote.warnings.first?.contains("no answer within 1 s") == true, "\(remote.warnings)")
        #expect(await remote.get("ac/1111") == nil)
        await remote.put("cas/2222", Data("x".utf8))
        #expect(remote.requestsSent == 1, "a server known to be down is not asked again")
        #expect(await remote.fetch(entry: "missing", into: NSTemporaryDirectory() + "never-\(UUID())", last: []) == false)
    }
}
