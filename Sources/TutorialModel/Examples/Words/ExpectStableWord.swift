/// `expect_stable`: the runs of `runs=N` must all print the same.
struct ExpectStableWord: CellWord {
    static let name = "expect_stable"
    static let syntax = "expect_stable"
    static let needsRun = true

    static func parse(_ value: String?, word: String) throws(AttributeError) -> ExpectStableWord {
        try bare(value, word: word)
        return ExpectStableWord()
    }
}
