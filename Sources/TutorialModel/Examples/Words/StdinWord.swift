/// `stdin=TEXT`: TEXT is written to the program's standard input (without the word, the program
/// reads an empty one). An info string ends words at spaces, so TEXT spells some characters
/// with a backslash: `\n` a newline, `\t` a tab, `\s` a space, `\\` a backslash; nothing else
/// is added (no final newline). The texts of several cells (or words) are fed one after the other,
/// in order; the output block of the cell that says it shows its text.
struct StdinWord: CellWord {
    static let name = "stdin"
    static let syntax = "stdin=TEXT"
    static let needsRun = true
    /// The text, its escapes resolved.
    var text: String

    static func parse(_ value: String?, word: String) throws(AttributeError) -> StdinWord {
        let value = try required(value, word: word)
        var text = ""
        var escaped = false
        for character in value {
            if escaped {
                guard let resolved = escapes[character] else {
                    throw AttributeError("'\(word)': '\\\(character)' is no escape stdin knows: in its text \\n is a newline, \\t a tab, \\s a space and \\\\ a backslash, like stdin=3\\n4\\n")
                }
                text.append(resolved)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                text.append(character)
            }
        }
        if escaped {
            throw AttributeError("'\(word)': stdin's text ends with a lone backslash; write \\\\ for a backslash")
        }
        return StdinWord(text: text)
    }

    private static let escapes: [Character: Character] = ["n": "\n", "t": "\t", "s": " ", "\\": "\\"]

    static func configure(_ settings: inout RunSettings, uses: [CellWordUse<StdinWord>]) {
        guard !uses.isEmpty else { return }
        settings.standardInput = Array(uses.map(\.word.text).joined().utf8)
    }

    static let showsPanel = true

    static func panel(_ uses: [CellWordUse<StdinWord>]) -> CellWordPanel? {
        uses.isEmpty ? nil : CellWordPanel(label: "stdin", text: uses.map(\.word.text).joined())
    }
}
