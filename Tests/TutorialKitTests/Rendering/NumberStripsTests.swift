import Testing
@testable import TutorialCheck
@testable import TutorialExecution
@testable import TutorialRender

/// Many runs that differ only in numbers show a strip per varying number, not a diff per output.
@Suite struct NumberStripsTests {
    func block(_ outputs: [String]) -> OutputBlock {
        var block = OutputBlock(lines: [], duration: nil, status: .ran)
        block.distribution = distribution(outputs)
        return block
    }

    func distribution(_ outputs: [String]) -> RunDistribution {
        let runs = outputs.map { text in
            RunSummary(RunResult(cells: [CellOutput(lines: [OutputLine(stream: .stdout, text: text, time: 0)], start: 0)], termination: .exited(0), duration: 0))
        }
        return RunDistribution(runs, cells: [0], masks: [])
    }

    @Test func totalsThatVaryShowTheirMinimumMedianAndMaximum() throws {
        let totals = [1500, 1200, 2000, 1500, 1700]
        let view = try #require(DistributionView().html(for: block(totals.map { "start 3\ntotal \($0)\n" })))
        #expect(view.contains("<svg class=\"number-strip\""), "\(view)")
        #expect(view.contains("<code>total N</code> over 5 runs: min 1200, median 1500, max 2000, 4 different values"), "\(view)")
        // "start 3" never varies: no strip for it; and no diff per output.
        #expect(view.components(separatedBy: "class=\"runs-number\"").count == 2, "\(view)")
        #expect(!view.contains("runs-other"), "\(view)")
    }

    @Test func theSameNumbersInAnotherOrderKeepTheirDiffs() throws {
        let view = try #require(DistributionView().html(for: block(["order: 3 1 2", "order: 1 2 3", "order: 3 1 2"])))
        #expect(!view.contains("number-strip"), "\(view)")
        #expect(view.contains("<li>1 of 3 runs: <code>order: 1 2 3</code></li>"), "\(view)")
    }

    @Test func outputsThatDifferInTextKeepTheirDiffs() throws {
        let view = try #require(DistributionView().html(for: block(["a 1\nend\n", "b 2\nend\n", "a 1\nend\n"])))
        #expect(!view.contains("number-strip"), "\(view)")
        #expect(view.contains("runs-other"), "\(view)")
    }

    /// One-line outputs are listed, each once with its count, not shown as differences.
    @Test func oneLineOutputsAreAList() throws {
        let view = try #require(DistributionView().html(for: block(["order: b a", "order: a b", "order: b a", "order: a <b>"])))
        #expect(!view.contains("runs-other\"") && !view.contains("runs-diff"), "\(view)")
        #expect(view.contains("<li>1 of 4 runs: <code>order: a b</code></li>"), "\(view)")
        #expect(view.contains("<li>1 of 4 runs: <code>order: a &lt;b&gt;</code></li>"), "\(view)")
        #expect(view.components(separatedBy: "order: a b").count == 2, "each output once: \(view)")
        #expect(view.contains("2 other outputs (2 runs)</summary>"), "\(view)")
    }
}
