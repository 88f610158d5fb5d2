import Testing
@testable import TutorialCheck
@testable import TutorialExecution
@testable import TutorialModel
@testable import TutorialSupport

@Suite struct RunDistributionTests {
    func run(_ cells: [String], _ termination: Termination = .exited(0), last: Int? = nil) -> RunSummary {
        var result = RunResult(
            cells: cells.map { text in CellOutput(lines: [OutputLine(stream: .stdout, text: text, time: 0)], start: 0) },
            termination: termination, duration: 0)
        if let last { result.cells = Array(result.cells.prefix(last + 1)) + result.cells.dropFirst(last + 1).map { _ in CellOutput() } }
        return RunSummary(result)
    }

    @Test func groupsIdenticalOutputsMostFrequentFirst() {
        let runs = [run(["a", "x"]), run(["b", "x"]), run(["b", "x"]), run(["a", "y"])]
        let first = RunDistribution(runs, cells: [0], masks: [])
        #expect(first.runs == 4)
        // Two runs each: the one seen first comes first.
        #expect(first.outcomes.map(\.text) == ["a\n", "b\n"])
        #expect(first.outcomes.map(\.count) == [2, 2])
        #expect(first.outcomes.map(\.firstRun) == [1, 2])
        let third = RunDistribution(runs + [run(["b", "z"])], cells: [0], masks: [])
        #expect(third.outcomes.map(\.text) == ["b\n", "a\n"])
        #expect(first.headline == "2 different outputs in 4 runs")
        let both = RunDistribution(runs, cells: [0, 1], masks: [])
        #expect(both.outcomes.count == 3)
    }

    @Test func masksWhatVariesAndCountsEndingsAsOutcomes() {
        let runs = [run(["took 12 ms"]), run(["took 7 ms"]), run(["took 9 ms"], .signaled(4), last: 0)]
        let masked = RunDistribution(runs, cells: [0], masks: ["[0-9]+"])
        #expect(masked.outcomes.map(\.text) == ["took … ms\n", "took … ms\n"])
        #expect(masked.outcomes.map(\.count) == [2, 1])
        #expect(masked.outcomes[1].ending == "killed by SIGILL (Illegal instruction)")
        #expect(masked.endings == ["1 of 3 runs ended: killed by SIGILL (Illegal instruction)"])
        let same = RunDistribution(Array(runs.prefix(2)), cells: [0], masks: ["[0-9]+"])
        #expect(same.headline == "the same output in all 2 runs")
    }

    @Test func cellWordsForManyRunsAreChecked() throws {
        #expect(throws: AttributeError.self) { try CellAttributes(words: ["runs=1001"]) }
        #expect(throws: AttributeError.self) { try CellAttributes(words: ["runs=x"]) }
        #expect(throws: AttributeError.self) { try CellAttributes(words: ["runs_ignore=("]) }
        #expect(throws: AttributeError.self) { try CellAttributes(words: ["expect_varies", "expect_stable"]) }
        #expect(throws: AttributeError.self) { try CellAttributes(words: ["compile_fail", "tsan"]) }
        let words = try CellAttributes(words: ["runs=50", "runs_ignore=[0-9]+", "runs_ignore=id-\\w+", "expect_varies", "tsan"])
        #expect(words.repeatCount == 50)
        #expect(words.runsIgnore == ["[0-9]+", "id-\\w+"])
        #expect(words.expectVaries && words.threadSanitizer)
    }
}

@Suite struct UnifiedDiffTests {
    @Test func printsHunksWithContextAsDiffDoes() {
        let old = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]
        var new = old
        new[1] = "B"
        new.append("k")
        let diff = UnifiedDiff.make(expected: old, actual: new, expectedName: "old", actualName: "new")
        #expect(diff == """
            --- old
            +++ new
            @@ -1,5 +1,5 @@
             a
            -b
            +B
             c
             d
             e
            @@ -8,3 +8,4 @@
             h
             i
             j
            +k

            """)
    }

    @Test func theSameListsHaveNoHunk() {
        #expect(UnifiedDiff.make(expected: ["x"], actual: ["x"], expectedName: "a", actualName: "b") == "--- a\n+++ b\n")
    }
}
