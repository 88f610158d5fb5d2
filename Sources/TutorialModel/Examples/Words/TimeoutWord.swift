/// `timeout=N`: the cell may run N seconds from its start before its program is killed; the
/// whole run's limit grows by as much.
struct TimeoutWord: CellWord {
    static let name = "timeout"
    static let syntax = "timeout=N"
    static let needsRun = true
    var seconds: Double

    static func parse(_ value: String?, word: String) throws(AttributeError) -> TimeoutWord {
        guard let seconds = value.flatMap(Double.init), seconds > 0, seconds.isFinite else {
            throw AttributeError("'\(word)': timeout takes a number of seconds greater than 0, like timeout=5")
        }
        return TimeoutWord(seconds: seconds)
    }

    static func configure(_ settings: inout RunSettings, uses: [CellWordUse<TimeoutWord>]) {
        for use in uses { settings.cellTimeouts[use.cell] = use.word.seconds }
    }
}
