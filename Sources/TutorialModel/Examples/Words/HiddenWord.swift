/// `hidden`: the cell is compiled and run, never shown.
struct HiddenWord: BareCellWord {
    static let name = "hidden"
}
