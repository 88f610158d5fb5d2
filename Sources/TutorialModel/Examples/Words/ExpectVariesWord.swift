/// `expect_varies`: the runs of `runs=N` must not all print the same.
struct ExpectVariesWord: CellWord {
    static let name = "expect_varies"
    static let syntax = "expect_varies"
    static let needsRun = true

    static func parse(_ value: String?, word: String) throws(AttributeError) -> ExpectVariesWord {
        try bare(value, word: word)
        return ExpectVariesWord()
    }
}
