import Testing
@testable import TutorialCheck
@testable import TutorialExecution

/// Many runs of a `lanes` example: each outcome keeps the lines of its first run, origins and
/// all, so the page draws the lanes of the most frequent output, not of the first run.
@Suite struct RunDistributionLanesTests {
    func run(_ texts: [String], thread: Int, tagged: Bool = true) -> RunSummary {
        let lines = texts.enumerated().map { index, text in
            var line = OutputLine(stream: .stdout, text: text, time: Double(index))
            if tagged { line.origin = LineOrigin(thread: thread, mainThread: false) }
            return line
        }
        return RunSummary(RunResult(cells: [CellOutput(lines: lines, start: 0.5)], termination: .exited(0), duration: 1))
    }

    @Test func theMostFrequentOutputKeepsTheLinesOfItsFirstRun() throws {
        let runs = [run(["b", "a"], thread: 1), run(["a", "b"], thread: 2), run(["a", "b"], thread: 3)]
        let distribution = RunDistribution(runs, cells: [0], masks: [])
        let common = try #require(distribution.outcomes.first)
        #expect(common.text == "a\nb\n")
        #expect(common.lines?.map(\.text) == ["a", "b"])
        #expect(common.lines?.map(\.origin?.thread) == [2, 2])
        #expect(common.start == 0.5)
        #expect(distribution.outcomes[1].lines?.map(\.text) == ["b", "a"])
    }

    /// A run without tags (any example without `lanes`) keeps no lines: its summary is what it was.
    @Test func runsWithoutTagsKeepNoLines() {
        let summary = run(["a"], thread: 1, tagged: false)
        #expect(summary.lanes == nil)
        #expect(RunDistribution([summary], cells: [0], masks: []).outcomes.first?.lines == nil)
    }
}
