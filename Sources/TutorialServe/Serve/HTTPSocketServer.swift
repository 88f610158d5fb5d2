import CSupport
import Foundation
import Synchronization

import Glibc

/// The listening socket could not be set up.
struct ListenError: Error, CustomStringConvertible {
    var description: String
}

/// A small HTTP/1.1 server on 127.0.0.1 over plain sockets. One thread accepts connections and
/// reads their requests (``RequestIntake``): heads are read with `HTTPRequestHead.Reader`, in
/// linear time and with caps; a POST's body is read only when it says its length and that
/// length is at most `maxBody` (413 at once otherwise); each connection has `requestSeconds` in
/// total to send its whole request, however it trickles it. Each request read whole is answered
/// on a thread of its own, and the connection closes. None of it runs on Swift concurrency's
/// threads, so a slow or hostile client cannot starve the rest of the tool.
final class HTTPSocketServer: Sendable {
    let port: UInt16
    private let listener: Int32
    private let handler: @Sendable (HTTPRequestHead, Data) -> HTTPAnswer
    private let workers = Mutex(0)
    /// The time a connection has to send its request, head and body.
    let requestSeconds: Double

    /// How many connections may be sending their requests at once (one more closes the oldest).
    static let maxPending = 256
    /// How many requests are answered at once (503 beyond).
    static let maxWorkers = 64
    /// The largest request body read.
    static let maxBody = 256 * 1024

    /// The time a request may take to arrive: 5 s, or `TUTORIAL_SERVE_REQUEST_SECONDS` (for tests).
    static func requestSecondsSetting() -> Double {
        let value = ProcessInfo.processInfo.environment["TUTORIAL_SERVE_REQUEST_SECONDS"].flatMap(Double.init) ?? 5
        return value.isFinite ? min(max(value, 0.2), 60) : 5
    }

    package init(port: UInt16, requestSeconds: Double = HTTPSocketServer.requestSecondsSetting(),
         handler: @escaping @Sendable (HTTPRequestHead, Data) -> HTTPAnswer) throws {
        self.handler = handler
        self.requestSeconds = requestSeconds
        let socketType = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        let descriptor = socket(AF_INET, socketType, 0)
        guard descriptor >= 0 else { throw ListenError(description: String(cString: strerror(errno))) }
        var yes: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(descriptor, 128) == 0 else {
            let message = String(cString: strerror(errno))
            close(descriptor)
            throw ListenError(description: message)
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        self.port = UInt16(bigEndian: actual.sin_port)
        RequestIntake.setBlocking(descriptor, false)
        listener = descriptor
    }

    /// Starts accepting connections on a thread of its own, until `stop()`.
    func start() {
        let thread = Thread { [self] in
            let intake = RequestIntake(
                listener: listener, seconds: requestSeconds, maxPending: Self.maxPending, maxBody: Self.maxBody,
                complete: { connection, head, body in
                    self.work(on: connection) { self.answer(self.handler(head, body), on: $0, headOnly: head.method == "HEAD") }
                },
                refuse: { connection, status, message in
                    self.work(on: connection) { Self.finish($0, with: .text(status, message), headOnly: false) }
                })
            intake.run()
        }
        thread.name = "tutorial serve"
        thread.start()
    }

    /// Stops accepting connections.
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
    }

    /// Runs `work` on a thread of its own, or answers 503 when too many already run.
    private func work(on connection: Int32, _ work: @escaping @Sendable (Int32) -> Void) {
        let admitted = workers.withLock { count in
            guard count < Self.maxWorkers else { return false }
            count += 1
            return true
        }
        guard admitted else {
            let reply = HTTPReply.text(503, "too many requests at once").encoded(headOnly: false)
            _ = reply.withUnsafeBytes { Glibc.send(connection, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT | MSG_NOSIGNAL)) }
            close(connection)
            return
        }
        let thread = Thread { [self] in
            Self.setTimeout(connection, seconds: 10)
            work(connection)
            workers.withLock { $0 -= 1 }
        }
        thread.start()
    }

    /// Sends an answer; a streamed one is written as its body produces it, from this thread,
    /// which waits for it.
    private func answer(_ answer: HTTPAnswer, on connection: Int32, headOnly: Bool) {
        switch answer {
        case .reply(let reply):
            Self.finish(connection, with: reply, headOnly: headOnly)
        case .stream(let headers, let body):
            var head = "HTTP/1.1 200 OK\r\n"
            for header in headers { head += "\(header.name): \(header.value)\r\n" }
            head += "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
            // Writes may wait for a slow reader, but a client gone for good fails them.
            Self.setTimeout(connection, seconds: 30)
            guard Self.send(Data(head.utf8), on: connection) else {
                close(connection)
                return
            }
            let writer = ChunkWriter(connection: connection)
            let done = DispatchSemaphore(value: 0)
            Task {
                await body(writer)
                done.signal()
            }
            done.wait()
            writer.finish()
            close(connection)
        }
    }

    /// Sends all of `data`; false when the connection failed, or when `deadline` passed first.
    static func send(_ data: Data, on connection: Int32, before deadline: ContinuousClock.Instant? = nil) -> Bool {
        data.withUnsafeBytes { raw in
            var sent = 0
            while sent < raw.count {
                if let deadline, ContinuousClock.now >= deadline { return false }
                let count = Glibc.send(connection, raw.baseAddress! + sent, raw.count - sent, Int32(MSG_NOSIGNAL))
                if count <= 0 { return false }
                sent += count
            }
            return true
        }
    }

    /// Sends the reply, then reads (briefly) what the client still sends before closing, so
    /// that the client gets the reply rather than a reset.
    private static func finish(_ connection: Int32, with reply: HTTPReply, headOnly: Bool) {
        // A client that reads slowly (a tiny window) holds this thread 10 s at most.
        var time = timeval(tv_sec: 1, tv_usec: 0)
        setsockopt(connection, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        _ = send(reply.encoded(headOnly: headOnly), on: connection, before: .now + .seconds(10))
        shutdown(connection, Int32(SHUT_WR))
        time = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        var discard = [UInt8](repeating: 0, count: 16_384)
        var drained = 0
        // At most about a second, however the client spaces its bytes.
        let deadline = ContinuousClock.now + .seconds(1)
        while drained < 4_194_304 && ContinuousClock.now < deadline {
            let count = discard.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            drained += count
        }
        close(connection)
    }

    private static func setTimeout(_ connection: Int32, seconds: Int) {
        var time = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(connection, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
    }
}
