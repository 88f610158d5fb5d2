/// `hidden`: the cell is compiled and run, never shown.
struct HiddenWord: CellWord {
    static let name = "hidden"
    static let syntax = "hidden"

    static func parse(_ value: String?, word: String) throws(AttributeError) -> HiddenWord {
        try bare(value, word: word)
        return HiddenWord()
    }
}
