import TutorialSupport

/// `expect_stable`: the runs of `runs=N` must all print the same.
struct ExpectStableWord: BareCellWord {
    static let name = "expect_stable"
    static let needsRun = true

    static func findings(_ uses: [CellWordUse<ExpectStableWord>], example: Example, runs: RunsEvidence) -> [CellWordFinding] {
        guard let use = uses.first, runs.outcomes.count > 1 else { return [] }
        let (first, second) = (runs.outcomes[0], runs.outcomes[1])
        let diff = UnifiedDiff.make(
            expected: first.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init),
            actual: second.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init),
            expectedName: "run \(first.firstRun)" + (first.ending.map { " (\($0))" } ?? ""),
            actualName: "run \(second.firstRun)" + (second.ending.map { " (\($0))" } ?? ""))
        return [CellWordFinding(
            cell: use.cell,
            message: "the runs of the example '\(example.name)' differ, but this cell says they are all the same (expect_stable): \(runs.headline)\n\(diff)")]
    }
}
