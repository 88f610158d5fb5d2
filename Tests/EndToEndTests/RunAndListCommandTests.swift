import TestSupport
import Foundation
import Testing

/// `tutorial run`, `tutorial list` and `--help`, through the built binary.
@Suite struct RunAndListCommandTests {
    @Test func runStreamsOutputLiveAndExitsWithTheExampleStatus() throws {
        let book = try TestSupport.copyFixture("streaming")
        let result = try ToolProcess.run(["run", "streaming"], in: book)
        #expect(result.status == 3, "\(result.stderr)")
        let lines = result.stdoutTimes.map(\.line)
        #expect(lines == ["first", "second"])
        // Live: "first" reached the terminal while the example was still sleeping.
        if result.stdoutTimes.count == 2 {
            #expect(result.stdoutTimes[1].time - result.stdoutTimes[0].time > 1.0)
        }
        #expect(result.stderr.contains("exited with status 3"))
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
