import TestSupport
import Foundation
import Testing

/// The cell words and checked output, through the built binary.
@Suite struct CellWordsTests {
    @Test func everyWordWorksInBuildAndList() throws {
        let book = try TestSupport.copyFixture("words")
        let result = try ToolProcess.run(["build"], in: book)
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOf: book.appendingPathComponent("site/words.html"), encoding: .utf8)

        // ignore: shown, never compiled. no_run: shown, never run. hidden: run, never shown.
        let codes = TestSupport.preTexts(html, className: "code")
        let outputs = TestSupport.preTexts(html)
        #expect(codes.contains("this is not even Swift\n"), "\(codes)")
        #expect(codes.contains("while true {\n    print(base)\n}\n"), "\(codes)")
        #expect(html.contains("<span class=\"kw\">while</span> <span class=\"kw\">true</span>"))
        // Run, the no_run cell would print `base` (40) without end.
        #expect(!outputs.contains { $0.split(separator: "\n").contains("40") }, "\(outputs)")
        #expect(!codes.contains { $0.contains("secret = 2") }, "the hidden cell is shown")
        #expect(codes.contains("print(base + secret)\n"))
        // compile_fail: the compiler's messages are the output, paths relative to the book.
        let compilerOutput = outputs.first { $0.contains("error:") }
        #expect(compilerOutput?.contains("chapters/01-words.md:24:19: error: cannot convert value of type 'String' to specified type 'Int'") == true)
        #expect(compilerOutput?.contains("/tmp") == false)
        #expect(html.contains("did not compile, as expected"))
        // should_fail: a timeout and a crash, each with its output and how it ended.
        #expect(outputs.contains("going to sleep\n"))
        #expect(html.contains("timed out after 2 s</span>, as expected"))
        #expect(outputs.contains { $0.contains("Fatal error: Index out of range") })
        #expect(html.contains("killed by SIG"))
        // The hidden cell's value reached the next cell; checked output passed.
        #expect(outputs.contains("42\n"))
        let workers = outputs.first { $0.contains("worker") }?.split(separator: "\n").sorted()
        #expect(workers == ["worker 1", "worker 2", "worker 3"])
        #expect(outputs.contains("separate example\n"))
        #expect(outputs.contains("still separate\n"))

        let list = try ToolProcess.run(["list"], in: book)
        let lines = list.stdout.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        #expect(lines.contains("words chapters/01-words.md 5 cells (1 no_run)"))
        #expect(lines.contains("words:23 chapters/01-words.md 1 cell (compile_fail)"))
        #expect(lines.contains("words:32 chapters/01-words.md 1 cell (should_fail)"))
        #expect(lines.contains("words:43 chapters/01-words.md 1 cell (should_fail)"))
        #expect(lines.contains("separate chapters/01-words.md 2 cells"))
    }

    @Test func runTakesTheNamesOfSeparateAndFailingExamples() throws {
        let book = try TestSupport.copyFixture("words")
        let separate = try ToolProcess.run(["run", "separate"], in: book)
        #expect(separate.status == 0)
        #expect(separate.stdout == "separate example\nstill separate\n")
        let crash = try ToolProcess.run(["run", "words:43"], in: book)
        #expect(crash.status == 132 || crash.status == 133, "\(crash.stderr)")
        #expect(crash.stderr.contains("Fatal error: Index out of range"))
        let compileFail = try ToolProcess.run(["run", "words:23"], in: book)
        #expect(compileFail.status == 0)
        #expect(compileFail.stderr.contains("did not compile, as it must (compile_fail)"))
        let main = try ToolProcess.run(["run", "words"], in: book)
        #expect(main.status == 0)
        #expect(main.stdout.hasPrefix("42\n"))
    }

    @Test func checkVerifiesWithoutWritingTheSite() throws {
        let good = try TestSupport.copyFixture("words")
        let passed = try ToolProcess.run(["check"], in: good)
        #expect(passed.status == 0, "\(passed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: good.appendingPathComponent("site").path))
        let bad = try TestSupport.copyFixture("mismatch")
        let failed = try ToolProcess.run(["check"], in: bad)
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("chapters/01-mismatch.md:9:1: error: the output differs"))
        #expect(!FileManager.default.fileExists(atPath: bad.appendingPathComponent("site").path))
    }

    @Test func aDifferentOutputFailsWithAUnifiedDiffAndThePageShowsTheRealOne() throws {
        let book = try TestSupport.copyFixture("mismatch")
        let result = try ToolProcess.run(["build"], in: book)
        #expect(result.status == 1)
        let expectedDiff = """
            chapters/01-mismatch.md:9:1: error: the output differs from the expected output written here:
            --- expected (chapters/01-mismatch.md:9)
            +++ actual output
            @@ -1,3 +1,3 @@
             one
            -2
            +two
             three
            """
        #expect(result.stderr.contains(expectedDiff))
        #expect(result.stderr.contains("chapters/01-mismatch.md:20:1: error: the output differs"))
        #expect(result.stderr.contains("-c\n"))
        #expect(!result.stderr.contains("01-mismatch.md:30"))
        let html = try String(contentsOf: book.appendingPathComponent("site/mismatch.html"), encoding: .utf8)
        #expect(TestSupport.preTexts(html) == ["one\ntwo\nthree\n", "a\nb\n", "trailing spaces are fine\n"])
        #expect(html.contains("differs from the expected output"))
        // The mismatch is the example's failure: its line and the summary say so.
        #expect(result.stderr.contains("[1/1] mismatch  compiled"))
        #expect(result.stderr.split(separator: "\n").contains { $0.hasPrefix("[1/1] mismatch") && $0.hasSuffix("FAILED") })
        #expect(result.stderr.contains("1 example: 1 compiled, 1 run, 0 cached, 1 failed"))
    }

    @Test func unknownAndMalformedWordsAreErrorsNamingTheLine() throws {
        let book = try TestSupport.copyFixture("bad-words")
        let result = try ToolProcess.run(["build"], in: book)
        #expect(result.status == 1)
        #expect(result.stderr.contains(
            "chapters/01-bad.md:7:1: error: unknown cell word 'no-run'; the known words are: ignore, no_run, compile_fail[=GROUP,…], should_fail, timeout=N, hidden, example=NAME, exclusive"))
        #expect(result.stderr.contains("chapters/01-bad.md:11:1: error: 'timeout=soon'"))
        let html = try String(contentsOf: book.appendingPathComponent("site/bad.html"), encoding: .utf8)
        #expect(TestSupport.preTexts(html) == ["fine\n"])
        #expect(html.contains("a typo in the word"))
    }

    @Test func cellsThatDoNotFailAsTheyMustFailTheBuild() throws {
        let book = try TestSupport.copyFixture("wrong-expectations")
        let result = try ToolProcess.run(["build"], in: book)
        #expect(result.status == 1)
        #expect(result.stderr.contains("chapters/01-wrong.md:3:1: error: this cell must not compile (compile_fail)"))
        #expect(result.stderr.contains("chapters/01-wrong.md:7:1: error: this cell must fail (should_fail), but the example 'wrong:7' exited with status 0"))
        let html = try String(contentsOf: book.appendingPathComponent("site/wrong.html"), encoding: .utf8)
        #expect(TestSupport.preTexts(html) == ["I exit with status 0\n"])
    }
}
