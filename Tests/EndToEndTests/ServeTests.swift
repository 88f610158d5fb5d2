import TestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `tutorial serve` against hostile requests: oversized heads are refused at once, and Ctrl-C
/// ends the server promptly whatever its connections are doing.
@Suite struct ServeTests {
    /// A running `tutorial serve` on the site fixture, and its port.
    func startServer() throws -> (Process, Int) {
        let book = try TestSupport.copyFixture("site")
        let port = Int.random(in: 20_000...40_000)
        let process = Process()
        process.executableURL = ToolProcess.executable
        process.arguments = ["serve", "--port", "\(port)", "--quiet"]
        process.currentDirectoryURL = book
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, RawHTTP.status(RawHTTP.get(port: port, "/__tutorial/version")) != 200 {
            Thread.sleep(forTimeInterval: 0.1)
        }
        return (process, port)
    }

    /// Ends the server: SIGTERM, and SIGKILL if it is still running 5 s later.
    func stop(_ process: Process) {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// A request whose target is `urlLength` bytes long with a header of `headerLength` bytes.
    func hugeRequest(urlLength: Int, headerLength: Int) -> [UInt8] {
        var request = "GET /\(String(repeating: "a", count: urlLength)) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        if headerLength > 0 { request += "X-Big: \(String(repeating: "b", count: headerLength))\r\n" }
        return Array((request + "\r\n").utf8)
    }

    @Test func oversizedRequestsAreRefusedAtOnce() throws {
        let (process, port) = try startServer()
        defer { stop(process) }
        #expect(RawHTTP.status(RawHTTP.get(port: port, "/searchable.html")) == 200)
        let clock = ContinuousClock()
        var answers: [Int?] = []
        // Each exchange gives up after 5 s: a server that parses slowly fails instead of hanging.
        let elapsed = clock.measure {
            answers.append(RawHTTP.status(RawHTTP.exchange(port: port, hugeRequest(urlLength: 16_000, headerLength: 0))))
            answers.append(RawHTTP.status(RawHTTP.exchange(port: port, hugeRequest(urlLength: 100_000, headerLength: 100_000))))
            answers.append(RawHTTP.status(RawHTTP.exchange(port: port, hugeRequest(urlLength: 10, headerLength: 100_000))))
        }
        #expect(answers == [414, 414, 431])
        #expect(elapsed < .seconds(2), "three oversized requests took \(elapsed)")
        #expect(RawHTTP.status(RawHTTP.get(port: port, "/searchable.html")) == 200)
    }

    @Test func interruptEndsTheServerWhileHugeRequestsArrive() throws {
        let (process, port) = try startServer()
        defer { stop(process) }
        #expect(RawHTTP.status(RawHTTP.get(port: port, "/__tutorial/version")) == 200)
        // More busy connections than cores, each sending a 100 KB URL and a 100 KB header.
        let request = hugeRequest(urlLength: 100_000, headerLength: 100_000)
        for _ in 0..<(ProcessInfo.processInfo.activeProcessorCount + 2) {
            Thread {
                guard let connection = RawHTTP.connect(port: port, timeout: 20) else { return }
                RawHTTP.send(connection, request, seconds: 20)
                _ = RawHTTP.receiveAll(connection, seconds: 20)
                close(connection)
            }.start()
        }
        Thread.sleep(forTimeInterval: 1)
        let interrupted = Date()
        process.interrupt()
        while process.isRunning && Date().timeIntervalSince(interrupted) < 10 { Thread.sleep(forTimeInterval: 0.02) }
        let took = Date().timeIntervalSince(interrupted)
        #expect(!process.isRunning, "still running 10 s after SIGINT")
        #expect(took < 3, "SIGINT took \(took) s to end the server")
        if !process.isRunning { #expect(process.terminationStatus == 128 + SIGINT) }
    }

    @Test func pathsSentAsTheyAreCannotLeaveTheSite() throws {
        let (process, port) = try startServer()
        defer { stop(process) }
        #expect(RawHTTP.status(RawHTTP.get(port: port, "/searchable.html")) == 200)
        for target in ["/../../../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
                       "/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd", "/%252e%252e/%252e%252e/etc/passwd", "/etc/passwd",
                       "//etc/passwd", "/..\\..\\..\\etc\\passwd"] {
            let response = RawHTTP.get(port: port, target)
            #expect(RawHTTP.status(response) == 404, "\(target): \(response ?? "no answer")")
            #expect(response?.contains("root:") == false, "\(target) served /etc/passwd")
        }
    }
}
