/// `runs=N`: the example's program runs N times (the largest N of its cells), and its output
/// block shows the distribution of the outcomes.
struct RunsWord: CellWord {
    static let name = "runs"
    static let syntax = "runs=N"
    static let needsRun = true
    /// The most runs `runs=N` may ask for.
    static let maximum = 1000
    var count: Int

    static func parse(_ value: String?, word: String) throws(AttributeError) -> RunsWord {
        guard let count = value.flatMap({ Int($0) }), (1...maximum).contains(count) else {
            throw AttributeError("'\(word)': runs takes a whole number from 1 to \(maximum), like runs=50")
        }
        return RunsWord(count: count)
    }
}
