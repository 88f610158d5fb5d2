/// `optimize`: the example is compiled with `-O`, for timings that mean something.
struct OptimizeWord: BareCellWord {
    static let name = "optimize"
    static let footerFlags: (flags: String, caption: String)? = (flags.joined(separator: " "), "optimized")
    static let flags = ["-O"]

    static func compileFlags(_ uses: [CellWordUse<OptimizeWord>]) -> [String] {
        uses.isEmpty ? [] : flags
    }

    static func captionNotes(_ uses: [CellWordUse<OptimizeWord>]) -> [String] {
        uses.isEmpty ? [] : ["optimized (-O)"]
    }
}
