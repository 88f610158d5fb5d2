import Foundation
import Testing
@testable import TutorialServe

/// Reading request heads: whole heads parse, oversized ones are refused at once, in linear time.
@Suite struct HTTPRequestHeadTests {
    func feed(_ text: String, chunk: Int = 1) -> HTTPRequestHead.Progress {
        var reader = HTTPRequestHead.Reader()
        let bytes = Array(text.utf8)
        var progress = HTTPRequestHead.Progress.incomplete
        var start = 0
        while start < bytes.count, progress == .incomplete {
            progress = reader.append(bytes[start..<min(start + chunk, bytes.count)])
            start += chunk
        }
        return progress
    }

    @Test func aHeadParsesByteByByte() {
        let progress = feed("GET /a%20b?x=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Thing:  spaced \r\n\r\n")
        #expect(progress == .complete(HTTPRequestHead(
            method: "GET", target: "/a%20b?x=1", version: "HTTP/1.1", headers: ["host": "127.0.0.1", "x-thing": "spaced"])))
        #expect(feed("GET / HTTP/1.0\n\n", chunk: 100) == .complete(HTTPRequestHead(method: "GET", target: "/", version: "HTTP/1.0")))
        #expect(feed("GET / HTTP/1.1\r\nHost: x\r\n") == .incomplete)
    }

    @Test func malformedHeadsAreBadRequests() {
        #expect(feed("GET /\r\n\r\n") == .refused(400))
        #expect(feed("GET / HTTP/1.1\r\nno colon here\r\n\r\n") == .refused(400))
        #expect(feed("GET  / HTTP/1.1\r\n\r\n") == .refused(400))
        // A header the checks decide by, given twice (the last would have won).
        #expect(feed("POST / HTTP/1.1\r\nHost: evil.com\r\nHost: 127.0.0.1:3000\r\n\r\n") == .refused(400))
        #expect(feed("POST / HTTP/1.1\r\nOrigin: a\r\norigin: b\r\n\r\n") == .refused(400))
        // Others may repeat.
        #expect(feed("GET / HTTP/1.1\r\nAccept: a\r\nAccept: b\r\n\r\n") != .refused(400))
    }

    @Test func aLongRequestLineIsRefusedWith414AsSoonAsItPassesTheCap() {
        let url = String(repeating: "a", count: 100_000)
        var reader = HTTPRequestHead.Reader()
        var fed = 0
        var progress = HTTPRequestHead.Progress.incomplete
        for byte in Array("GET /\(url) HTTP/1.1\r\n\r\n".utf8) where progress == .incomplete {
            progress = reader.append([byte])
            fed += 1
        }
        #expect(progress == .refused(414))
        #expect(fed == HTTPRequestHead.maxRequestLine + 1)
        // A line that ends just past the cap in one chunk is refused too.
        let long = String(repeating: "b", count: HTTPRequestHead.maxRequestLine)
        #expect(feed("GET /\(long) HTTP/1.1\r\n\r\n", chunk: 1 << 20) == .refused(414))
    }

    @Test func longHeadersAreRefusedWith431() {
        let big = String(repeating: "b", count: 100_000)
        #expect(feed("GET / HTTP/1.1\r\nX-Big: \(big)\r\n\r\n", chunk: 4_096) == .refused(431))
        let many = String(repeating: "X-Small: 1234567890\r\n", count: 5_000)
        #expect(feed("GET / HTTP/1.1\r\n\(many)\r\n", chunk: 4_096) == .refused(431))
    }

    /// Lines just under the caps, fed 1 KB at a time, are read whole. (That reading them takes
    /// linear time is a measurement: `TimingBenchmarks`, with TUTORIAL_BENCHMARKS=1.)
    @Test func headsJustUnderTheCapsFedInSmallChunksAreRead() {
        let (request, filler) = Self.requestJustUnderTheCaps
        guard case .complete(let head) = feed(request, chunk: 1_024) else {
            Issue.record("not parsed: \(feed(request, chunk: 1_024))")
            return
        }
        #expect(head.headers["x-filler"]?.count == filler)
        #expect(head.target.count == HTTPRequestHead.maxRequestLine - 19)
    }

    /// The time reading takes (a quadratic reader would take seconds): measured and printed,
    /// never asserted.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["TUTORIAL_BENCHMARKS"] == "1", "set TUTORIAL_BENCHMARKS=1 to measure"))
    func readingTwentyHeadsJustUnderTheCapsBenchmark() {
        let elapsed = ContinuousClock().measure {
            for _ in 0..<20 { _ = feed(Self.requestJustUnderTheCaps.0, chunk: 1_024) }
        }
        print("benchmark: 20 heads of 28 KB fed 1 KB at a time: \(elapsed) (was asserted < 2 s)")
    }

    /// A request whose line and headers are just under the caps, and the length of its headers' values.
    static let requestJustUnderTheCaps: (String, Int) = {
        let headers = String(repeating: "X-Filler: \(String(repeating: "c", count: 1_000))\r\n", count: 20)
        return ("GET /\(String(repeating: "a", count: HTTPRequestHead.maxRequestLine - 20)) HTTP/1.1\r\n\(headers)\r\n", 1_000)
    }()
}
