import CSupport
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An HTTP response: status, extra headers, body.
struct HTTPReply: Sendable {
    var status: Int
    var headers: [(name: String, value: String)] = []
    var body = Data()

    static func text(_ status: Int, _ message: String) -> HTTPReply {
        HTTPReply(status: status, headers: [("Content-Type", "text/plain; charset=utf-8")], body: Data((message + "\n").utf8))
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 303: "See Other"
        case 400: "Bad Request"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 408: "Request Timeout"
        case 411: "Length Required"
        case 413: "Content Too Large"
        case 414: "URI Too Long"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        case 503: "Service Unavailable"
        default: "Error"
        }
    }

    /// The bytes sent: status line, headers, and the body unless `headOnly`.
    func encoded(headOnly: Bool) -> Data {
        var head = "HTTP/1.1 \(status) \(Self.reason(status))\r\n"
        for header in headers { head += "\(header.name): \(header.value)\r\n" }
        head += "Content-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        return headOnly ? Data(head.utf8) : Data(head.utf8) + body
    }
}

/// What a handler answers: a whole reply, or a body written as it is produced (HTTP chunked
/// encoding), for which the handler gets a ``ChunkWriter`` and returns when it is done.
enum HTTPAnswer: Sendable {
    case reply(HTTPReply)
    case stream(headers: [(name: String, value: String)], body: @Sendable (ChunkWriter) async -> Void)
}

/// Writes the chunks of a streamed body to its connection; says when the client has gone.
final class ChunkWriter: Sendable {
    private let connection: Int32
    private let gone = Mutex(false)

    init(connection: Int32) {
        self.connection = connection
    }

    /// Sends `data` as one chunk; false once the client has gone (nothing more is sent then).
    @discardableResult
    func write(_ data: Data) -> Bool {
        guard !data.isEmpty else { return true }
        return gone.withLock { gone in
            guard !gone else { return false }
            gone = !HTTPSocketServer.send(Data((String(data.count, radix: 16) + "\r\n").utf8) + data + Data("\r\n".utf8), on: connection)
            return !gone
        }
    }

    /// Ends the body.
    func finish() {
        gone.withLock { gone in
            if !gone { _ = HTTPSocketServer.send(Data("0\r\n\r\n".utf8), on: connection) }
            gone = true
        }
    }
}

/// The listening socket could not be set up.
struct ListenError: Error, CustomStringConvertible {
    var description: String
}

/// A small HTTP/1.1 server on 127.0.0.1 over plain sockets: one thread accepts, each connection
/// gets a thread of its own, answers one request and closes. Request heads are read with
/// `HTTPRequestHead.Reader`, in linear time and with caps; a POST's body is read only when it
/// says its length and that length is at most `maxBody` (413 at once otherwise); a connection
/// that sends nothing for `idleSeconds` is dropped. None of it runs on Swift concurrency's
/// threads, so a slow or hostile client cannot starve the rest of the tool.
final class HTTPSocketServer: Sendable {
    let port: UInt16
    private let listener: Int32
    private let handler: @Sendable (HTTPRequestHead, Data) -> HTTPAnswer
    private let connections = Mutex(0)

    static let maxConnections = 64
    static let idleSeconds = 10
    /// The largest request body read.
    static let maxBody = 256 * 1024

    init(port: UInt16, handler: @escaping @Sendable (HTTPRequestHead, Data) -> HTTPAnswer) throws {
        self.handler = handler
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
        guard bound == 0, listen(descriptor, 64) == 0 else {
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
        listener = descriptor
    }

    /// Starts accepting connections on a thread of its own, until `stop()`.
    func start() {
        let thread = Thread { [self] in
            while true {
                let connection = tutorial_accept_cloexec(listener)
                if connection < 0 {
                    if errno == EINTR || errno == ECONNABORTED || errno == EMFILE || errno == ENFILE { continue }
                    return
                }
                let admitted = connections.withLock { count in
                    guard count < Self.maxConnections else { return false }
                    count += 1
                    return true
                }
                guard admitted else {
                    Self.finish(connection, with: .text(503, "too many connections"), headOnly: false)
                    continue
                }
                let worker = Thread { [self] in
                    serve(connection)
                    connections.withLock { $0 -= 1 }
                }
                worker.start()
            }
        }
        thread.name = "tutorial serve"
        thread.start()
    }

    /// Stops accepting connections.
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
    }

    private func serve(_ connection: Int32) {
        Self.setTimeout(connection, seconds: Self.idleSeconds)
        var reader = HTTPRequestHead.Reader()
        var buffer = [UInt8](repeating: 0, count: 4_096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            guard count > 0 else {
                close(connection)
                return
            }
            switch reader.append(buffer[..<count]) {
            case .incomplete:
                continue
            case .refused(let status):
                Self.finish(connection, with: .text(status, HTTPReply.reason(status)), headOnly: false)
                return
            case .complete(let head):
                guard ["GET", "HEAD", "POST"].contains(head.method) else {
                    Self.finish(connection, with: .text(405, "only GET, HEAD and POST"), headOnly: false)
                    return
                }
                var body: [UInt8] = []
                if head.method == "POST", let length = head.headers["content-length"].flatMap({ Int($0) }) {
                    guard length >= 0, length <= Self.maxBody else {
                        Self.finish(connection, with: .text(413, "a request body may have \(Self.maxBody / 1024) KB at most"), headOnly: false)
                        return
                    }
                    body = Array(reader.bytes.dropFirst(reader.headLength).prefix(length))
                    while body.count < length {
                        let count = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
                        guard count > 0 else {
                            close(connection)
                            return
                        }
                        body += buffer[..<min(count, length - body.count)]
                    }
                }
                answer(handler(head, Data(body)), on: connection, headOnly: head.method == "HEAD")
                return
            }
        }
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

    /// Sends all of `data`; false when the connection failed.
    static func send(_ data: Data, on connection: Int32) -> Bool {
        data.withUnsafeBytes { raw in
            var sent = 0
            while sent < raw.count {
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
        _ = send(reply.encoded(headOnly: headOnly), on: connection)
        shutdown(connection, Int32(SHUT_WR))
        setTimeout(connection, seconds: 1)
        var discard = [UInt8](repeating: 0, count: 16_384)
        var drained = 0
        while drained < 4_194_304 {
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
