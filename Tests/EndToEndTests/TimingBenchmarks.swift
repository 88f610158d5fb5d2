import TestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// How soon things happen, measured and printed, never asserted: the timing claims the tests
/// leave out (a busy machine can make any of them late). Run with `TUTORIAL_BENCHMARKS=1 swift
/// test --filter TimingBenchmarks`; each figure is one run on this machine.
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["TUTORIAL_BENCHMARKS"] == "1", "set TUTORIAL_BENCHMARKS=1 to measure"))
struct TimingBenchmarks {
    /// Seconds `body` takes.
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = Date()
        try body()
        return Date().timeIntervalSince(start)
    }

    static func report(_ what: String, _ seconds: Double) {
        print(String(format: "benchmark: %@: %.2f s", what, seconds))
    }

    @Test func killsAndTimeouts() throws {
        for escape in EscapeAndLimitTests.escapes {
            let book = try TestSupport.copyFixture(escape.fixture)
            _ = try ToolProcess.run(["build", "--timeout", "2"], in: book)
            Self.report("rerun of \(escape.fixture), a process left the session (--timeout 2; was asserted < 4 s)",
                        try Self.seconds { _ = try ToolProcess.run(["build", "--timeout", "2", "--rerun"], in: book) })
        }
        let stop = try TestSupport.copyFixture("escape-stop-reaper")
        _ = try ToolProcess.run(["build", "--timeout", "2"], in: stop)
        Self.report("rerun of a program that stops its reaper (--timeout 2; was asserted < 7 s)",
                    try Self.seconds { _ = try ToolProcess.run(["build", "--timeout", "2", "--rerun"], in: stop) })
        let slow = try TestSupport.copyFixture("slow-compile")
        Self.report("build of a compile that never ends (--compile-timeout 3; was asserted < 10 s)",
                    try Self.seconds { _ = try ToolProcess.run(["build", "--compile-timeout", "3"], in: slow) })
    }

    @Test func serverAnswers() throws {
        let serve = ServeTests()
        let (process, port) = try serve.startServer()
        defer { serve.stop(process) }
        Self.report("three oversized requests refused (was asserted < 2 s)", Self.seconds {
            for (url, header) in [(16_000, 0), (100_000, 100_000), (10, 100_000)] {
                _ = RawHTTP.exchange(port: port, serve.hugeRequest(urlLength: url, headerLength: header))
            }
        })
        let silent = serve.connections(200, port: port)
        defer { silent.forEach { close($0) } }
        let times = ServeTests.timedGets(port: port).map(\.seconds).sorted()
        print("benchmark: GET latency with \(silent.count) silent connections (median was asserted < 100 ms, slowest < 1 s): "
              + times.map { String(format: "%.1f ms", $0 * 1_000) }.joined(separator: ", "))
    }

    @Test func interruptEndsTheServer() throws {
        let serve = ServeTests()
        let (process, _) = try serve.startServer()
        defer { serve.stop(process) }
        Self.report("SIGINT to the end of an idle server (was asserted < 3 s under huge requests)", Self.seconds {
            process.interrupt()
            process.waitUntilExit()
        })
    }
}
