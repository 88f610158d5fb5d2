import TutorialModel

/// swift-testing places a test's own issues (an exceeded time limit) at its `@Test` attribute as
/// the compiler sees it, in the generated `main.swift` ("recorded an issue at main.swift:6:2:"),
/// past the `#sourceLocation` that names every other place after the chapter. A learner has no
/// `main.swift`: such a place is named as the chapter's line instead, as its other issues are.
enum TestIssuePlaces {
    private static var place: Regex<(Substring, Substring, Substring)> { #/ recorded an issue at main\.swift:([0-9]{1,9}):([0-9]{1,9}):/# }
    /// What every such place starts with: text without it is left alone.
    private static let marker = " recorded an issue at main.swift:"

    /// `cells` with each issue placed in `main.swift`, where a cell's code is, named after the chapter.
    static func named(in cells: [CellOutput], program: GeneratedProgram) -> [CellOutput] {
        cells.map { cell in
            guard cell.lines.contains(where: { $0.text.contains(marker) }) else { return cell }
            var named = cell
            named.lines = cell.lines.map { line in
                var line = line
                line.text = Self.named(in: line.text, program: program)
                return line
            }
            return named
        }
    }

    /// `text` with each such place named after the chapter.
    static func named(in text: String, program: GeneratedProgram) -> String {
        text.replacing(place) { match in
            guard let mainLine = Int(match.output.1),
                  let chapter = program.chapterLine(ofMainLine: mainLine) else { return String(match.output.0) }
            return " recorded an issue at \(chapter.sourceName):\(chapter.line):\(match.output.2):"
        }
    }

    /// The bytes a run echoes to the terminal, with each such place named after the chapter
    /// (a report line comes in one write); other bytes are left exactly as they are.
    static func named(in bytes: [UInt8], program: GeneratedProgram) -> [UInt8] {
        guard bytes.firstRange(of: Array(marker.utf8)) != nil else { return bytes }
        return Array(named(in: String(decoding: bytes, as: UTF8.self), program: program).utf8)
    }
}
