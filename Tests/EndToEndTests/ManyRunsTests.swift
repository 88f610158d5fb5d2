import TestSupport
import Foundation
import Testing

/// `runs=N` shows the distribution of a program's outcomes over many runs; `tsan` shows
/// ThreadSanitizer's verdict, naming the Markdown lines.
@Suite struct ManyRunsTests {
    @Test(.enabled(if: Tools.threadSanitizer || Tools.inCI, "ThreadSanitizer does not run on this machine (a probe compiled with -sanitize=thread failed)"))
    func aVaryingOrderAStableSumARaceAndACleanCounter() throws {
        let book = try TestSupport.copyFixture("many-runs")
        let result = try ToolProcess.run(["build", "--report", "report.json"], in: book)
        #expect(result.status == 0, "\(result.stderr)")

        let order = try String(contentsOf: book.appendingPathComponent("site/order.html"), encoding: .utf8)
        let headline = try #require(order.firstMatch(of: /runs-headline">([0-9]+) different outputs in 20 runs/))
        #expect(Int(headline.1)! >= 2)
        // Every other output is collapsed, as a difference from the most frequent one.
        #expect(order.components(separatedBy: "<details class=\"runs-other\">").count == Int(headline.1)!)
        #expect(order.contains("the same lines in another order"))
        let sum = try String(contentsOf: book.appendingPathComponent("site/order.html"), encoding: .utf8)
        #expect(sum.contains("The same output in all 10 runs"))
        #expect(sum.contains("<code>(?&lt;=took\\s)[0-9.e-]+</code>"))
        #expect(sum.contains("took … ms"))

        let race = try String(contentsOf: book.appendingPathComponent("site/race.html"), encoding: .utf8)
        let sentences = race.matches(of: /tsan-report">(.*?)<\/p>/).map { String($0.1) }
        #expect(!sentences.isEmpty)
        // The racing write, named by its line in the Markdown file, on two threads.
        #expect(sentences.contains { $0.contains("of <code>counter</code>") && $0.contains("02-race.md:9") && $0.contains("thread T") }, "\(sentences)")
        #expect(race.contains("ThreadSanitizer reported a race</span>, as expected"))
        #expect(race.contains("<details class=\"tsan-raw\">"))
        // Addresses and process ids only in the raw report.
        for sentence in sentences { #expect(!sentence.contains("0x") && !sentence.contains("pid=")) }
        let outputs = TestSupport.preTexts(race)
        #expect(outputs.contains("done\n"))
        #expect(outputs.contains("total 2000\n"))
        #expect(race.components(separatedBy: "tsan-report").count == sentences.count + 1)
        // The clean example says so, once; the racy one does not.
        #expect(race.components(separatedBy: "<p class=\"tsan tsan-clean\">ThreadSanitizer: no race</p>").count == 2, "\(race)")

        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: book.appendingPathComponent("report.json"))) as? [String: Any]
        let examples = report?["examples"] as? [[String: Any]] ?? []
        let orderEntry = examples.first { $0["name"] as? String == "order" }
        #expect(orderEntry?["runs"] as? Int == 20)
        #expect((orderEntry?["outcomeCounts"] as? [Int])?.reduce(0, +) == 20)
        #expect((examples.first { $0["name"] as? String == "sum" })?["outcomeCounts"] as? [Int] == [10])

        // The runs are cached like a single run, and --rerun runs them again.
        let again = try ToolProcess.run(["build"], in: book)
        #expect(again.stderr.contains("4 examples: 0 compiled, 0 run, 4 cached, 0 failed"), "\(again.stderr)")
        let rerun = try ToolProcess.run(["build", "--rerun", "order"], in: book)
        #expect(rerun.stderr.contains("0 compiled, 1 run, 3 cached"), "\(rerun.stderr)")
    }

    @Test(.enabled(if: Tools.threadSanitizer || Tools.inCI, "ThreadSanitizer does not run on this machine (a probe compiled with -sanitize=thread failed)"))
    func expectationsOverManyRunsAndRacesFailWithTheCellsLine() throws {
        let book = try TestSupport.copyFixture("runs-failures")
        let result = try ToolProcess.run(["build"], in: book)
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        func line(_ prefix: String) -> String? { lines.first { $0.hasPrefix(prefix) } }
        #expect(line("chapters/01-wrong.md:3:1: error: all 5 runs of the example 'wrong' gave the same output") != nil, "\(result.stderr)")
        let unstable = line("chapters/01-wrong.md:10:1: error: the runs of the example 'unstable' differ")
        #expect(unstable?.contains("different outputs in 30 runs") == true, "\(result.stderr)")
        // Two differing runs are shown, by their numbers.
        #expect(result.stderr.contains(/--- run [0-9]+\n\+\+\+ run [0-9]+/), "\(result.stderr)")
        let racy = line("chapters/01-wrong.md:20:1: error: ThreadSanitizer: ")
        #expect(racy?.contains("of `shared`") == true && racy?.contains("01-wrong.md:23") == true, "\(result.stderr)")
        #expect(line("chapters/01-wrong.md:28:1: error: this cell must show a data race (tsan should_fail)") != nil)
        #expect(line("chapters/01-wrong.md:32:1: error: 'runs=0': runs takes a whole number from 1 to 1000") != nil)
    }
    /// An exercise checked under ThreadSanitizer: a starter that fails a check (no race) is the
    /// failure it must be, with the runtime's message, no sanitizer crash and no child left.
    @Test(.enabled(if: Tools.threadSanitizer || Tools.inCI, "ThreadSanitizer does not run on this machine (a probe compiled with -sanitize=thread failed)"))
    func anExerciseUnderThreadSanitizerMayFailACheck() throws {
        let book = try TestSupport.copyFixture("runs-failures")
        let chapters = book.appendingPathComponent("chapters")
        try FileManager.default.removeItem(at: chapters)
        try FileManager.default.createDirectory(at: chapters, withIntermediateDirectories: true)
        try """
            # Trap

            ```swift exercise=three
            func three() -> Int { 2 }
            ```

            ```swift exercise=three hidden tsan
            precondition(three() == 3, "three() returns 3")
            ```

            ```
            ```

            ```swift solution=three
            func three() -> Int { 3 }
            ```

            ```
            ```

            """.write(to: chapters.appendingPathComponent("01-trap.md"), atomically: true, encoding: .utf8)
        let result = try ToolProcess.run(["build"], in: book)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("outlived") && !result.stderr.contains("warning"), "\(result.stderr)")
        let page = TestSupport.preTexts(try String(contentsOf: book.appendingPathComponent("site/trap.html"), encoding: .utf8)).joined()
        #expect(page.contains("Precondition failed: three() returns 3"), "\(page)")
        #expect(!page.contains("CHECK failed"), "\(page)")
    }
}
