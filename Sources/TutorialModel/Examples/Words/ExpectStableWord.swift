/// `expect_stable`: the runs of `runs=N` must all print the same.
struct ExpectStableWord: BareCellWord {
    static let name = "expect_stable"
    static let needsRun = true
}
