import TestSupport
import Foundation
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `tutorial serve` against hostile requests: oversized heads are refused at once, connections
/// that send nothing or trickle their bytes neither delay nor lock out anyone else, and Ctrl-C
/// ends the server promptly whatever its connections are doing.
@Suite struct ServeTests {
    /// A running `tutorial serve` on the site fixture, and its port.
    func startServer(environment: [String: String] = [:]) throws -> (Process, Int) {
        let book = try TestSupport.copyFixture("site")
        let port = Int.random(in: 20_000...40_000)
        let process = Process()
        process.executableURL = ToolProcess.executable
        process.arguments = ["serve", "--port", "\(port)", "--quiet"]
        process.currentDirectoryURL = book
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
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
        // Refused, not read to the end and served; how soon is a measurement (TimingBenchmarks).
        let answers = [(16_000, 0), (100_000, 100_000), (10, 100_000)].map { url, header in
            RawHTTP.status(RawHTTP.exchange(port: port, hugeRequest(urlLength: url, headerLength: header), timeout: 30))
        }
        #expect(answers == [414, 414, 431])
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
        process.interrupt()
        // The deadline only fails a server that never ends; how soon it does is a measurement
        // (TimingBenchmarks).
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        #expect(!process.isRunning, "still running 60 s after SIGINT")
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

    /// The time a request may take to arrive in these tests (5 s by default): long enough that
    /// the attacking connections are still open when the test's own requests are answered,
    /// however busy the machine, and short enough to see the server end them.
    static let requestSeconds = 10.0

    /// `count` connections to the server, opened at once (those that fail to connect in 3 s are left out).
    func connections(_ count: Int, port: Int) -> [Int32] {
        let opened = Mutex<[Int32]>([])
        DispatchQueue.concurrentPerform(iterations: count) { _ in
            if let connection = RawHTTP.connect(port: port, timeout: 3) { opened.withLock { $0.append(connection) } }
        }
        return opened.withLock { $0 }
    }

    /// The seconds each of five GETs of a page takes, one after the other, and their statuses.
    static func timedGets(port: Int) -> [(status: Int?, seconds: Double)] {
        (0..<5).map { _ in
            let start = ContinuousClock.now
            let status = RawHTTP.status(RawHTTP.get(port: port, "/searchable.html"))
            let took = ContinuousClock.now - start
            return (status, Double(took.components.seconds) + Double(took.components.attoseconds) / 1e18)
        }
    }

    /// Each GET is answered. (Their latency is a measurement, not a test: TimingBenchmarks.)
    func expectAnswered(_ gets: [(status: Int?, seconds: Double)], during attack: String) {
        #expect(gets.allSatisfy { $0.status == 200 }, "\(attack): \(gets.map(\.status))")
    }

    /// Whether the server still holds `connection` open: nothing to read yet, and no end.
    static func isOpen(_ connection: Int32) -> Bool {
        var byte: UInt8 = 0
        return recv(connection, &byte, 1, Int32(MSG_DONTWAIT)) < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)
    }

    @Test func silentConnectionsDelayNoOne() throws {
        let (process, port) = try startServer(environment: ["TUTORIAL_SERVE_REQUEST_SECONDS": "\(Self.requestSeconds)"])
        defer { stop(process) }
        #expect(RawHTTP.status(RawHTTP.get(port: port, "/searchable.html")) == 200)
        let silent = connections(200, port: port)
        defer { silent.forEach { close($0) } }
        #expect(silent.count == 200, "only \(silent.count) of 200 connected")
        expectAnswered(Self.timedGets(port: port), during: "200 silent connections")
        // Answered while the silent connections were still held: they delayed no one.
        #expect(silent.allSatisfy(Self.isOpen), "the silent connections were ended before the GETs were answered")
        // The server closes them once their time is up (its end of the socket reads as closed).
        var byte: UInt8 = 0
        for connection in silent.prefix(5) {
            var time = timeval(tv_sec: 60, tv_usec: 0)
            setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
            #expect(recv(connection, &byte, 1, 0) == 0, "a silent connection was kept open")
        }
    }

    @Test func tricklingConnectionsLockNoOneOut() throws {
        let (process, port) = try startServer(environment: ["TUTORIAL_SERVE_REQUEST_SECONDS": "\(Self.requestSeconds)"])
        defer { stop(process) }
        #expect(RawHTTP.status(RawHTTP.get(port: port, "/searchable.html")) == 200)
        // 70 connections, each sending one byte of a long head every 0.5 s, for up to 40 s: the
        // pause never reaches an idle limit, so only a bound on the whole head ends them.
        let head = Array("GET /searchable.html HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nX-Slow: \(String(repeating: "s", count: 100))".utf8)
        let trickling = connections(70, port: port)
        #expect(trickling.count == 70, "only \(trickling.count) of 70 connected")
        let cutOff = Mutex(0)
        let group = DispatchGroup()
        for connection in trickling {
            group.enter()
            Thread {
                defer { group.leave(); close(connection) }
                var byte: UInt8 = 0
                for index in 0..<80 {
                    let sent = head.withUnsafeBytes { Glibc.send(connection, $0.baseAddress! + index, 1, Int32(MSG_NOSIGNAL)) }
                    // The server ended the connection: the byte fails, or an answer or the end arrives.
                    if sent <= 0 || recv(connection, &byte, 1, Int32(MSG_DONTWAIT)) >= 0 {
                        cutOff.withLock { $0 += 1 }
                        return
                    }
                    Thread.sleep(forTimeInterval: 0.5)
                }
            }.start()
        }
        expectAnswered(Self.timedGets(port: port), during: "70 trickling connections")
        // Answered while the trickling connections were still going: they locked no one out.
        #expect(cutOff.withLock { $0 } == 0, "trickling connections were ended before the GETs were answered")
        group.wait()
        #expect(cutOff.withLock { $0 } == trickling.count, "\(cutOff.withLock { $0 }) of \(trickling.count) trickling connections were ended")
    }
}
