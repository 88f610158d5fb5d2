/// `exclusive`: the cell's example runs alone, with nothing else compiling or running.
struct ExclusiveWord: BareCellWord {
    static let name = "exclusive"
    static let needsRun = true
}
