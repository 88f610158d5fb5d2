import Foundation
import Testing
@testable import TutorialExecution

/// A remote cache server that accepts connections and never answers: the first request times
/// out, the cache says so once, and later requests do not wait again.
@Suite struct RemoteTimeoutTests {
    @Test func aSilentServerTimesOutOnceAndIsLeftAlone() async throws {
        let server = try LoopbackListener()
        defer { server.close() }
        let listener = server.socket
        let url = server.url
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
