import Foundation
import Synchronization

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

    package init(connection: Int32) {
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
