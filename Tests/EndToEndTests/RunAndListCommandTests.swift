import TestSupport
import Foundation
import Testing

/// `tutorial run`, `tutorial list` and `--help`, through the built binary.
@Suite struct RunAndListCommandTests {
    @Test func runStreamsOutputLiveAndExitsWithTheExampleStatus() throws {
        let book = try TestSupport.copyFixture("streaming")
        // Live: the example prints "second" only once this test has read "first" from the tool
        // and said so with SIGUSR1, an order of events that output held back cannot give.
        let result = try ToolProcess.run(["run", "streaming"], in: book, environment: ["STREAMING_SIGNAL": "1"], onLine: { line in
            guard line == "first" else { return }
            for pid in Self.programs(under: book) { kill(pid, SIGUSR1) }
        })
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stdoutTimes.map(\.line) == ["first", "second"])
        #expect(result.stderr.contains("exited with status 3"))
    }

    /// The running example programs compiled into `book`'s cache.
    static func programs(under book: URL) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry in
            guard let pid = pid_t(entry), let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"),
                  let first = data.split(separator: 0).first.map({ String(decoding: $0, as: UTF8.self) }) else { return nil }
            return first.hasPrefix(book.path) && first.hasSuffix("/program") ? pid : nil
        }
    }

    @Test func runOfAnUnknownNameSuggestsTheClosestOnes() throws {
        let book = try TestSupport.copyFixture("streaming")
        let result = try ToolProcess.run(["run", "streamin"], in: book)
        #expect(result.status == 2)
        #expect(result.stderr.contains("no example named 'streamin'"))
        #expect(result.stderr.contains("Did you mean 'streaming'?"))
        #expect(result.stderr.contains("tutorial list"))
    }

    @Test func runOfABrokenExampleShowsTheCompilerErrorAndFails() throws {
        let book = try TestSupport.copyFixture("compile-error")
        let result = try ToolProcess.run(["run", "broken"], in: book)
        #expect(result.status == 1)
        #expect(result.stderr.contains("chapters/01-broken.md:14:21: error:"))
    }

    @Test func listShowsNameFileAndCellCount() throws {
        let book = try TestSupport.copyFixture("kept-aside")
        let result = try ToolProcess.run(["list"], in: book)
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        #expect(lines == [["notebook", "chapters/01-notebook.md", "9", "cells"], ["second", "chapters/02-second.md", "1", "cell"]])
    }

    @Test(arguments: [["--help"], ["build", "--help"], ["run", "--help"], ["list", "--help"]])
    func everyCommandHasHelp(arguments: [String]) throws {
        let result = try ToolProcess.run(arguments, in: FileManager.default.temporaryDirectory)
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE: tutorial"))
    }
}
