/// A word written alone, without a value (`hidden`, `tsan`): it is written as its name, and
/// parsing only refuses a value. Such a word states its name and what it changes, nothing else.
package protocol BareCellWord: CellWord {
    init()
}

extension BareCellWord {
    package static var syntax: String { name }

    package static func parse(_ value: String?, word: String) throws(AttributeError) -> Self {
        try bare(value, word: word)
        return Self()
    }
}
