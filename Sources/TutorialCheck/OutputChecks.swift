import TutorialModel

/// What the checks of an example's cells checked, said in words for the mark each checked output
/// block carries on its page: the slot's expected output, the hidden cells' `precondition` and
/// `assert` messages, the runs' words (`expect_varies`, `expect_stable`), ThreadSanitizer's verdict
/// (`tsan`) and the failures the cells ask for (`should_fail`, `compile_fail`). Each is said only
/// of a block whose cells it concerns, and only once it held.
extension ExampleVerdict {
    /// What the slot's check said, once the output matched it (`runs`: how many runs each had to).
    static func slotCheck(_ expected: ExpectedOutput, runs: Int?) -> String {
        let what = expected.isUnordered
            ? "the output has exactly these lines, in an order that may change from run to run"
            : "the output is exactly these lines, in this order, as the chapter expects of every run"
        return what + (runs.map { " in each of the \($0) runs" } ?? "")
    }

    /// What the cells of `block` checked that held (in the run the block shows; in every run when
    /// all of them ended well).
    func cellChecks(_ block: OutputBlock) -> [String] {
        let example = self.example
        var checks: [String] = []
        switch block.status {
        case .compileErrorAsExpected:
            return [CompileFailCheck.markText(example, log: outcome.compilerLog)]
        case .failedAsExpected(let termination):
            if example.usesThreadSanitizer, cells.contains(where: { !$0.reports.isEmpty }) {
                checks.append("ThreadSanitizer reports a data race, as it must")
            } else if example.isExercise {
                checks.append("the starter code fails, as an exercise must until it is completed")
            } else {
                checks.append("the program fails here, as it must: \(termination.summary)")
            }
        case .ran: break
        default: return []
        }
        // A hidden cell's checks held if the cell ran to its end: it did not end the program.
        let finished = block.cellIndices.filter { cells.indices.contains($0) && cells[$0].status == .ran }
        let runs = allRuns
        // A run that ended well ran every check; one that did not may have stopped at any of them.
        let held = runs.filter(\.termination.succeeded).count
        let suffix = runs.count < 2 ? "" : held == runs.count ? " (in each of the \(runs.count) runs)" : " (in \(held) of the \(runs.count) runs; the others ended otherwise)"
        checks += example.checkDescriptions(cells: finished).map { $0 + suffix }
        if runs.count > 1 {
            let repeats = runs.count
            let words = block.cellIndices.filter(example.cells.indices.contains).map { example.cells[$0].attributes }
            if words.contains(where: \.expectVaries) { checks.append("over \(repeats) runs: the outputs differ") }
            if words.contains(where: \.expectStable) { checks.append("over \(repeats) runs: the output is the same every time") }
        }
        if block.status == .ran, !TestWord.uses(in: example, cells: block.cellIndices).isEmpty,
           let summary = TestRunSummary(block.lines) {
            checks.append(summary.description)
        }
        // ThreadSanitizer's clean verdict goes with the block of the program's last cell.
        if example.usesThreadSanitizer, example.expectation == .succeed, block.status == .ran, block.reports.isEmpty,
           block.sanitizerNotRun == nil, let last = example.programCells.last?.index, block.cellIndices.contains(last) {
            checks.append("ThreadSanitizer found no data race")
        }
        return checks
    }
}
