import Foundation

/// The request line and headers of an HTTP/1.x request, read incrementally with caps: a request
/// line longer than `maxRequestLine` is answered with 414 and a head longer than `maxHead` with
/// 431 as soon as the bytes that break the cap arrive, and every byte is looked at once.
struct HTTPRequestHead: Equatable, Sendable {
    var method: String
    /// The request target as sent (`/path?query`), not decoded.
    var target: String
    var version: String
    /// Header names in lower case, with their values trimmed.
    var headers: [String: String]

    /// The longest request line accepted (about what common servers allow).
    static let maxRequestLine = 8_192
    /// The longest request head accepted: request line and headers together.
    static let maxHead = 32_768

    /// What the bytes read so far amount to.
    enum Progress: Equatable {
        /// More bytes are needed.
        case incomplete
        /// The head is whole.
        case complete(HTTPRequestHead)
        /// The request is refused with this status code (400, 414 or 431).
        case refused(Int)
    }

    /// Reads a request head from bytes appended to it, scanning each byte once.
    struct Reader {
        private(set) var bytes: [UInt8] = []
        /// Where the scan for line ends resumes.
        private var scanned = 0
        /// The end of the request line, once seen.
        private var requestLineEnd: Int?
        /// The offsets where each line after the request line starts.
        private var lineStarts: [Int] = []
        /// Once the head is complete, how many of ``bytes`` it took: the rest is the body's start.
        private(set) var headLength = 0

        /// Appends `more` and says whether the head is complete, needs more, or is refused.
        mutating func append(_ more: some Collection<UInt8>) -> Progress {
            bytes.append(contentsOf: more)
            while scanned < bytes.count {
                let index = scanned
                scanned += 1
                guard bytes[index] == UInt8(ascii: "\n") else { continue }
                if requestLineEnd == nil {
                    if index > HTTPRequestHead.maxRequestLine { return .refused(414) }
                    requestLineEnd = index
                    lineStarts.append(index + 1)
                    continue
                }
                let start = lineStarts[lineStarts.count - 1]
                let line = bytes[start..<index]
                if index >= HTTPRequestHead.maxHead { return .refused(431) }
                if line.isEmpty || line == [UInt8(ascii: "\r")] {
                    guard let head = HTTPRequestHead(bytes: bytes, requestLineEnd: requestLineEnd!, lineStarts: lineStarts) else {
                        return .refused(400)
                    }
                    headLength = index + 1
                    return .complete(head)
                }
                lineStarts.append(index + 1)
            }
            if requestLineEnd == nil {
                return bytes.count > HTTPRequestHead.maxRequestLine ? .refused(414) : .incomplete
            }
            return bytes.count > HTTPRequestHead.maxHead ? .refused(431) : .incomplete
        }
    }

    package init(method: String, target: String, version: String, headers: [String: String] = [:]) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
    }

    /// The headers a request may give once only: those the server's checks decide by.
    static let single: Set<String> = ["host", "origin", "x-tutorial-token", "content-length", "transfer-encoding"]

    /// Parses a complete head; nil when it is malformed.
    private init?(bytes: [UInt8], requestLineEnd: Int, lineStarts: [Int]) {
        func text(_ range: Range<Int>) -> String? {
            var slice = bytes[range]
            if slice.last == UInt8(ascii: "\r") { slice = slice.dropLast() }
            return String(validating: slice, as: UTF8.self)
        }
        guard let requestLine = text(0..<requestLineEnd) else { return nil }
        let parts = requestLine.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty, parts[2].hasPrefix("HTTP/1.") else { return nil }
        method = String(parts[0])
        target = String(parts[1])
        version = String(parts[2])
        headers = [:]
        for (start, end) in zip(lineStarts.dropLast(), lineStarts.dropFirst()) {
            guard let line = text(start..<(end - 1)), let colon = line.firstIndex(of: ":") else { return nil }
            let name = line[..<colon].lowercased()
            guard !name.isEmpty, !name.contains(" ") else { return nil }
            // One of the headers the checks read, given twice, is malformed: which one would count?
            if Self.single.contains(name) && headers[name] != nil { return nil }
            headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
    }
}
