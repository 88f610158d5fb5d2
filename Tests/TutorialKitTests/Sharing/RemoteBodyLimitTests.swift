import Foundation
import Synchronization
import Testing
@testable import TutorialExecution

/// A hostile store that answers with an endless body: the reader cuts it off at the size it
/// expects, as it arrives, whether the body announces its length or not.
@Suite struct RemoteBodyLimitTests {
    @Test(arguments: [true, false])
    func aBodyLargerThanExpectedIsCutOff(announced: Bool) async throws {
        let server = try LoopbackListener()
        defer { server.close() }
        let listener = server.socket
        let sent = Mutex(0)
        let release = DispatchSemaphore(value: 0)
        // 1 MiB of the 256 MiB it announces (or not), in 64 KiB writes; then it waits until the
        // test has its answer (at most ten minutes) and hangs up. A reader that waited for the
        // whole body would get its answer only then.
        let sender = Thread {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            defer { close(connection) }
            var request = [UInt8](repeating: 0, count: 4096)
            _ = recv(connection, &request, request.count, 0)
            let head = announced ? "HTTP/1.1 200 OK\r\nContent-Length: 268435456\r\n\r\n" : "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n"
            _ = head.withCString { send(connection, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
            let chunk = [UInt8](repeating: 0x41, count: 65_536)
            for _ in 0..<16 {
                let wrote = send(connection, chunk, chunk.count, Int32(MSG_NOSIGNAL))
                if wrote <= 0 { return }
                sent.withLock { $0 += wrote }
            }
            _ = release.wait(timeout: .now() + 600)
        }
        sender.start()
        let url = server.url
        let remote = RemoteCache(base: url, seal: EntrySeal(key: String(repeating: "k", count: 32)), timeout: 30)
        #expect(await remote.get("cas/0000", limit: 100_000) == nil)
        let sentWhenCutOff = sent.withLock { $0 }
        let hungUp = sender.isFinished
        release.signal()
        #expect(remote.warnings.contains { $0.contains("is larger than the 100000 bytes it may have") }, "\(remote.warnings)")
        // The answer came while the server still held the connection open, mid-body.
        #expect(!hungUp, "the reader answered only once the server hung up")
        #expect(sentWhenCutOff > 100_000)
        while !sender.isFinished { try await Task.sleep(for: .milliseconds(10)) }
    }
}
