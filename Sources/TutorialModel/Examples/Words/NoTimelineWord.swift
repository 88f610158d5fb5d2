/// `no_timeline`: the block of the cell's output gets no timeline, for output whose moments say
/// nothing the text does not (a table of measurements printed as each is taken).
struct NoTimelineWord: BareCellWord {
    static let name = "no_timeline"
    static let needsRun = true
}
