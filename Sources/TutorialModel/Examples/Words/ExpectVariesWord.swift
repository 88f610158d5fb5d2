/// `expect_varies`: the runs of `runs=N` must not all print the same.
struct ExpectVariesWord: BareCellWord {
    static let name = "expect_varies"
    static let needsRun = true

    static func findings(_ uses: [CellWordUse<ExpectVariesWord>], example: Example, runs: RunsEvidence) -> [CellWordFinding] {
        guard let use = uses.first, runs.outcomes.count == 1 else { return [] }
        return [CellWordFinding(
            cell: use.cell,
            message: "all \(runs.runCount) runs of the example '\(example.name)' gave the same output, but this cell says they vary (expect_varies)")]
    }
}
