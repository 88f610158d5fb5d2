/// `example=NAME`: the cell belongs to the example NAME rather than to its chapter's own.
struct ExampleWord: CellWord {
    static let name = "example"
    static let syntax = "example=NAME"
    var example: String

    static func parse(_ value: String?, word: String) throws(AttributeError) -> ExampleWord {
        guard let value, !value.isEmpty,
              value.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" || $0 == "_" }) else {
            throw AttributeError("'\(word)': an example's name takes letters, digits, - and _ only")
        }
        return ExampleWord(example: value)
    }
}
