/// `optimize`: the example is compiled with `-O`, for timings that mean something.
struct OptimizeWord: CellWord {
    static let name = "optimize"
    static let syntax = "optimize"
    static let flags = ["-O"]

    static func parse(_ value: String?, word: String) throws(AttributeError) -> OptimizeWord {
        try bare(value, word: word)
        return OptimizeWord()
    }

    static func compileFlags(_ uses: [CellWordUse<OptimizeWord>]) -> [String] {
        uses.isEmpty ? [] : flags
    }

    static func captionNotes(_ uses: [CellWordUse<OptimizeWord>]) -> [String] {
        uses.isEmpty ? [] : ["optimized (-O)"]
    }
}
