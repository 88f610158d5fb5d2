/// `expect_varies`: the runs of `runs=N` must not all print the same.
struct ExpectVariesWord: BareCellWord {
    static let name = "expect_varies"
    static let needsRun = true
}
