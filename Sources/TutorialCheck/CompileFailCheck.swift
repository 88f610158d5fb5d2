import TutorialExecution
import TutorialModel

/// What a `compile_fail` example's errors must be and were: the diagnostic groups its cells name
/// (`compile_fail=GROUP,…`) must each appear in an error, and the mark says which errors the
/// compiler gave, so a reader sees that the code fails for the reason the text gives.
enum CompileFailCheck {
    /// The groups the example's `compile_fail` cells name, in order, each once.
    static func expectedGroups(_ example: Example) -> [String] {
        var seen: Set<String> = []
        return example.cells.flatMap(\.attributes.expectedErrorGroups).filter { seen.insert($0).inserted }
    }

    /// The groups the compiler's errors name (`[#GROUP]` at the end of the message).
    static func groups(of error: CompilerLog.Entry) -> [String] {
        var names: [String] = []
        var rest = Substring(error.diagnostic.message)
        while let open = rest.range(of: "[#") {
            let after = rest[open.upperBound...]
            guard let close = after.firstIndex(of: "]") else { break }
            names.append(String(after[..<close]))
            rest = after[after.index(after: close)...]
        }
        return names
    }

    /// One error at `cell` naming every expected group that no error of `log` has; nil when each group is there.
    static func missingGroups(_ example: Example, log: CompilerLog, cell: Cell) -> Diagnostic? {
        let expected = expectedGroups(example)
        let found = Set(log.errors.flatMap(groups))
        let missing = expected.filter { !found.contains($0) }
        guard !missing.isEmpty else { return nil }
        let named = missing.map { "'\($0)'" }.joined(separator: ", ")
        let gave = log.errors.isEmpty
            ? "it printed no error"
            : "its errors were: " + log.errors.map { message($0) }.joined(separator: "; ")
        return Diagnostic(
            file: cell.file, line: cell.block.position.line, column: cell.block.position.column,
            message: "this cell must fail to compile with an error of \(missing.count == 1 ? "the group" : "each of the groups") \(named) (compile_fail=\(expected.joined(separator: ","))), but \(gave)",
            category: .run)
    }

    /// The mark's words: the errors the compiler gave, each with its line, and the groups checked.
    static func markText(_ example: Example, log: CompilerLog?) -> String {
        let errors = distinct(log?.errors ?? [], in: example)
        guard !errors.isEmpty else { return "the code does not compile, as it must" }
        let shown = errors.prefix(8).map { error in
            "“\(message(error))”" + (place(of: error, in: example).map { " (\($0))" } ?? "")
        }
        let more = errors.count > 8 ? "; and \(errors.count - 8) more" : ""
        let count = errors.count == 1 ? "an error" : "\(errors.count) errors"
        let groups = expectedGroups(example)
        let named = groups.isEmpty ? "" : ", including the kind the text names (\(groups.joined(separator: ", ")))"
        return "the compiler refuses the code with \(count)\(named): " + shown.joined(separator: "; ") + more
    }

    /// `errors` each once: an error the compiler repeats in a macro's expansion, with the same
    /// message as one in the cell, is the same error.
    private static func distinct(_ errors: [CompilerLog.Entry], in example: Example) -> [CompilerLog.Entry] {
        let placed = Set(errors.filter { place(of: $0, in: example) != nil }.map(message))
        var seen: Set<String> = []
        return errors.filter { error in
            let place = place(of: error, in: example)
            if place == nil, placed.contains(message(error)) { return false }
            return seen.insert(message(error) + "\u{0}" + (place ?? "")).inserted
        }
    }

    /// Where an error points, as a reader of the page can find it: the line of the cell's code it
    /// is on, counted from the cell's first line (the page shows no line numbers of the chapter).
    private static func place(of error: CompilerLog.Entry, in example: Example) -> String? {
        guard let index = error.cell, example.cells.indices.contains(index), let line = error.diagnostic.line else { return nil }
        let cell = example.cells[index]
        let shownCells = example.cells.filter { !$0.attributes.hidden }
        let which = shownCells.count > 1 ? " of its cell" : ""
        return "line \(line - cell.codeLine + 1)\(which)"
    }

    /// An error's message without its `[#GROUP]` tail.
    private static func message(_ error: CompilerLog.Entry) -> String {
        let text = error.diagnostic.message
        guard let open = text.range(of: " [#") else { return text }
        return String(text[..<open.lowerBound])
    }
}
