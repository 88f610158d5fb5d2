import Foundation

/// The checks that stand between an HTTP request and running code on this machine (`tutorial
/// serve` runs what a page sends it). Every request must name this server in its `Host` (a page
/// of another site whose name was made to point at 127.0.0.1 cannot talk to it); a run request
/// must also be a POST from the server's own pages (`Origin`), carry the serve's secret token in
/// its `X-Tutorial-Token` header, and stay under the size limit. The token is never a cookie:
/// browsers send a cookie of 127.0.0.1 to every port of it, so any other local server the
/// learner visits would get it. The address `serve` prints carries it in its fragment
/// (`/#token=…`, which browsers never send), and the page script keeps it in the storage of
/// this server's origin, which holds the port.
public struct NotebookGuard: Sendable {
    /// The secret of this serve: 256 random bits, printed once in the address to open.
    public let token: String
    let port: UInt16

    /// The request header that carries the token (lower case, as `HTTPRequestHead` keeps names).
    static let headerName = "x-tutorial-token"
    /// The largest body a run request may have.
    static let bodyLimit = 256 * 1024

    public init(port: UInt16, token: String = NotebookGuard.newToken()) {
        self.port = port
        self.token = token
    }

    /// 64 hexadecimal digits from the system's random source.
    public static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in
            let text = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - text.count) + text
        }.joined()
    }

    /// The names a request may give the server by: `127.0.0.1:PORT` and `localhost:PORT`.
    func hostAllowed(_ host: String?) -> Bool {
        guard let host = host?.lowercased() else { return false }
        return host == "127.0.0.1:\(port)" || host == "localhost:\(port)"
    }

    /// The server's own origin, by either of its names.
    func originAllowed(_ origin: String?) -> Bool {
        guard let origin = origin?.lowercased() else { return false }
        return origin == "http://127.0.0.1:\(port)" || origin == "http://localhost:\(port)"
    }

    /// Whether `candidate` is the token, compared in constant time.
    func tokenMatches(_ candidate: String?) -> Bool {
        let expected = Array(token.utf8)
        let given = Array((candidate ?? "").utf8)
        var difference = UInt8(expected.count == given.count ? 0 : 1)
        for index in expected.indices {
            difference |= expected[index] ^ (index < given.count ? given[index] : 0)
        }
        return difference == 0
    }

    /// The address to open: the server's first page, the token in the fragment.
    public var address: String {
        "http://127.0.0.1:\(port)/#token=\(token)"
    }

    /// Why a run request is refused (HTTP status and a message), or nil when it may go on.
    func refusal(method: String, host: String?, origin: String?, token: String?, contentLength: String?) -> (status: Int, message: String)? {
        if !hostAllowed(host) { return (403, "this server answers to 127.0.0.1:\(port) and localhost:\(port) only") }
        if method != "POST" { return (405, "run requests are POST requests") }
        if !originAllowed(origin) { return (403, "run requests come from this server's own pages only") }
        if !tokenMatches(token) {
            return (403, "no valid token: open the address that `tutorial serve` printed, with its #token=")
        }
        guard let length = contentLength.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }), length >= 0 else {
            return (411, "a run request says how long its body is (Content-Length)")
        }
        if length > Self.bodyLimit { return (413, "a run request's body may have \(Self.bodyLimit / 1024) KB at most") }
        return nil
    }
}
