/// What a learner's run in the notebook compiles and checks: the author's code and the
/// learner's edits, without the author's verdicts. Those judge the book in its build; a learner
/// who changes a cell must see what *their* code did, with its real ending.
extension Example {
    /// The example with every cell run as a plain cell: `compile_fail` and `should_fail` cells
    /// run like the others, `expect_varies` and `expect_stable` are gone (`runs=N` still runs N
    /// times), and each hidden cell's code is what `hiddenCode` makes of it (the notebook takes
    /// the author's checks out).
    package func asLearnersRun(hiddenCode: (String) -> String) -> Example {
        var run = self
        run.expectation = .succeed
        for index in run.cells.indices {
            var attributes = run.cells[index].attributes
            if attributes.mode == .compileFail || attributes.mode == .shouldFail { attributes.mode = .run }
            attributes.words.remove(ExpectVariesWord.self)
            attributes.words.remove(ExpectStableWord.self)
            run.cells[index].attributes = attributes
            if attributes.hidden { run.cells[index].block.body = hiddenCode(run.cells[index].block.body) }
        }
        return run
    }

    /// Whether the cell at `index` is one the page does not show (`hidden`).
    package func isHidden(_ index: Int) -> Bool {
        cells.indices.contains(index) && cells[index].attributes.hidden
    }
}

extension Example {
    /// What an exercise's checks say they check: the message of each `precondition` or `assert`
    /// in its hidden cells, in order (a check without one is listed by its condition).
    package var checkDescriptions: [String] {
        checkDescriptions(cells: Array(cells.indices))
    }

    /// The same for the hidden cells among those at `indices`.
    package func checkDescriptions(cells indices: [Int]) -> [String] {
        indices.filter(cells.indices.contains).map { cells[$0] }.filter { $0.attributes.hidden }.flatMap { cell in
            cell.code.split(separator: "\n").compactMap(Self.checkDescription)
        }
    }

    /// What the `precondition` or `assert` call on `line` says it checks, or nil for a line that
    /// is not such a call.
    static func checkDescription(_ line: Substring) -> String? {
        guard let arguments = checkArguments(line) else { return nil }
        // The last string literal of the call is its message.
        if let message = lastStringLiteral(arguments) { return message }
        return String(arguments.dropLast(arguments.hasSuffix(")") ? 1 : 0))
    }

    /// The text of the last string literal in `text`, its escaped quotes and backslashes as they
    /// read (`"\"the\" word"` is `"the" word`); nil when there is none.
    static func lastStringLiteral(_ text: Substring) -> String? {
        var literals: [String] = []
        var current: String?
        var escaped = false
        for character in text {
            guard var literal = current else {
                if character == "\"" { current = "" }
                continue
            }
            if escaped {
                literal.append(character == "\"" || character == "\\" ? character : "\\")
                if character != "\"" && character != "\\" { literal.append(character) }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "\"" {
                literals.append(literal)
                current = nil
                continue
            } else {
                literal.append(character)
            }
            current = literal
        }
        return literals.last
    }

    /// The arguments of the `precondition` or `assert` call on `line`, with the closing parenthesis.
    static func checkArguments(_ line: Substring) -> Substring? {
        let text = line.trimmingCharacters(in: .whitespaces)
        guard let call = ["precondition(", "assert("].first(where: { text.hasPrefix($0) }) else { return nil }
        return text.dropFirst(call.count)
    }
}
