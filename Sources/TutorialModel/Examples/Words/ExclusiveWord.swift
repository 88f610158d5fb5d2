/// `exclusive`: the cell's example runs alone, with nothing else compiling or running.
struct ExclusiveWord: CellWord {
    static let name = "exclusive"
    static let syntax = "exclusive"
    static let needsRun = true

    static func parse(_ value: String?, word: String) throws(AttributeError) -> ExclusiveWord {
        try bare(value, word: word)
        return ExclusiveWord()
    }
}
