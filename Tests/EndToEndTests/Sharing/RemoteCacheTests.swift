import TestSupport
import Foundation
import Testing

/// `--remote-cache`, against a real HTTP server with PUT (nginx with WebDAV): machines that share
/// their work, a server that goes away, a corrupt entry, a read-only cache.
@Suite(.serialized, .enabled(if: NginxServer.binary != nil || NginxServer.required, "nginx is not installed"))
struct RemoteCacheTests {
    /// The team's secret that authenticates entries (CI would keep it in its secrets).
    static let key = ["TUTORIAL_REMOTE_CACHE_KEY": "test-key-\(UUID().uuidString)-\(UUID().uuidString)"]

    func build(
        _ book: URL, cache: String, server: NginxServer, _ extra: [String] = [], environment: [String: String?] = key
    ) throws -> (ToolProcess.Result, CacheTests.Report) {
        let report = "report-\(cache).json"
        let result = try ToolProcess.run(
            ["build", "--cache-dir", cache, "--output", "site-\(cache)", "--report", report, "--remote-cache", server.url] + extra,
            in: book, environment: environment)
        return (result, try SharingBook.report(book, report))
    }

    func pages(_ book: URL, _ cache: String) throws -> [String: Data] {
        let site = book.appendingPathComponent("site-\(cache)")
        return try Dictionary(uniqueKeysWithValues: FileManager.default.contentsOfDirectory(atPath: site.path)
            .filter { $0.hasSuffix(".html") }.map { ($0, try Data(contentsOf: site.appendingPathComponent($0))) })
    }

    @Test func aSecondMachineCompilesAndRunsNothingAndADownServerOnlyWarns() throws {
        let server = try NginxServer()
        let book = try SharingBook.make(chapters: 3)
        let (a, first) = try build(book, cache: "machine-a", server: server)
        #expect(a.status == 0, "\(a.stderr)")
        #expect(first.compiled.count == 4)
        #expect(server.files().contains { $0.hasPrefix("ac/") } && server.files().contains { $0.hasPrefix("cas/") })
        #expect(!a.stderr.contains("warning"), "\(a.stderr)")

        let (b, second) = try build(book, cache: "machine-b", server: server)
        #expect(b.status == 0, "\(b.stderr)")
        #expect(second.compiled.isEmpty, "machine B compiled \(second.compiled)")
        #expect(second.ran.isEmpty, "machine B ran \(second.ran)")
        #expect(second.examples.count == 4)
        let pagesA = try pages(book, "machine-a")
        #expect(pagesA.count == 5)  // index, three chapters, print.html
        #expect(try pages(book, "machine-b") == pagesA, "machine B writes the same pages")

        server.stop()
        let (c, third) = try build(book, cache: "machine-c", server: server)
        #expect(c.status == 0, "\(c.stderr)")
        #expect(third.compiled.count == 4)
        #expect(c.stderr.components(separatedBy: "warning: remote cache unavailable").count == 2, "warned once: \(c.stderr)")
        #expect(c.stderr.contains("cannot connect to it"), "\(c.stderr)")
    }

    @Test func shardsOnTwoMachinesAndAFanInOnAThirdShareOnlyTheServer() throws {
        let server = try NginxServer()
        let book = try SharingBook.make(chapters: 3)
        var built: [String] = []
        for part in 1...2 {
            let shard = try ToolProcess.run(
                ["build", "--shard", "\(part)/2", "--cache-dir", "shard-\(part)", "--report", "shard-\(part).json", "--remote-cache", server.url],
                in: book, environment: Self.key)
            #expect(shard.status == 0, "\(shard.stderr)")
            built += try SharingBook.report(book, "shard-\(part).json").compiled
        }
        #expect(built.sorted() == ["chapter1", "chapter1:13", "chapter2", "chapter3"])
        let (fanIn, report) = try build(book, cache: "fan-in", server: server, ["--cached-only"])
        #expect(fanIn.status == 0, "\(fanIn.stderr)")
        #expect(report.compiled.isEmpty && report.ran.isEmpty && report.examples.count == 4)
        let page = try String(contentsOf: book.appendingPathComponent("site-fan-in/chapter2.html"), encoding: .utf8)
        #expect(TestSupport.preTexts(page) == ["chapter 2 says 14\n"])
    }

    @Test func aCorruptEntryIsIgnoredAndWrittenAgain() throws {
        let server = try NginxServer()
        let book = try SharingBook.make(chapters: 2)
        let (a, _) = try build(book, cache: "machine-a", server: server)
        #expect(a.status == 0, "\(a.stderr)")
        // The programs are the big blobs: cut each in half.
        let blobs = server.files().filter { $0.hasPrefix("cas/") }.map { server.data.appendingPathComponent($0) }
        let programs = try blobs.filter { try Data(contentsOf: $0).count > 4096 }
        #expect(programs.count == 2)
        for program in programs {
            let data = try Data(contentsOf: program)
            try data.prefix(data.count / 2).write(to: program)
        }
        let (b, second) = try build(book, cache: "machine-b", server: server)
        #expect(b.status == 0, "\(b.stderr)")
        #expect(second.compiled == ["chapter1", "chapter2"], "the corrupt programs are compiled again")
        #expect(second.ran.isEmpty, "their results, whole, are still used")
        // B wrote them again: a third machine compiles nothing.
        let (c, third) = try build(book, cache: "machine-c", server: server)
        #expect(c.status == 0, "\(c.stderr)")
        #expect(third.compiled.isEmpty && third.ran.isEmpty)
        #expect(try pages(book, "machine-c") == (try pages(book, "machine-a")))
    }

    @Test func aServerAnswering5xxOnlyWarnsOnce() throws {
        let server = try NginxServer()
        let book = try SharingBook.make(chapters: 2)
        let result = try ToolProcess.run(["build", "--remote-cache", "\(server.url)broken/"], in: book, environment: Self.key)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.components(separatedBy: "warning: remote cache unavailable").count == 2, "\(result.stderr)")
        #expect(result.stderr.contains("503"))
        #expect(server.files().isEmpty)
        // A server that refuses (403) is said once too, and the build goes on.
        let refused = try ToolProcess.run(
            ["build", "--cache-dir", "refused", "--remote-cache", "\(server.url)forbidden/"], in: book, environment: Self.key)
        #expect(refused.status == 0, "\(refused.stderr)")
        #expect(refused.stderr.components(separatedBy: "warning: remote cache").count == 2, "\(refused.stderr)")
        #expect(refused.stderr.contains("403"))
    }

    @Test func aReadOnlyCacheReadsButNeverWrites() throws {
        let server = try NginxServer()
        let book = try SharingBook.make(chapters: 1)
        let (readOnly, first) = try build(book, cache: "fork", server: server, ["--remote-cache-read-only"])
        #expect(readOnly.status == 0, "\(readOnly.stderr)")
        #expect(first.compiled.count == 2)
        #expect(server.files().isEmpty, "a read-only cache wrote \(server.files())")
        _ = try build(book, cache: "main", server: server)
        #expect(!server.files().isEmpty)
        let (again, second) = try build(book, cache: "fork-again", server: server, ["--remote-cache-read-only"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(second.compiled.isEmpty && second.ran.isEmpty)
    }

    /// Results are kept per limits: a build under another `--timeout` neither uses nor replaces them.
    @Test func resultsUnderOtherLimitsAreKeptApart() throws {
        let server = try NginxServer()
        let book = try SharingBook.make(chapters: 1)
        let (a, _) = try build(book, cache: "default-limits", server: server)
        #expect(a.status == 0, "\(a.stderr)")
        let (b, other) = try build(book, cache: "other-limits", server: server, ["--timeout", "20"])
        #expect(b.status == 0 && other.ran.count == 1, "\(b.stderr)")
        let (c, again) = try build(book, cache: "default-again", server: server)
        #expect(c.status == 0, "\(c.stderr)")
        #expect(again.compiled.isEmpty && again.ran.isEmpty, "ran \(again.ran): the other limits' result replaced this one")
    }
}
