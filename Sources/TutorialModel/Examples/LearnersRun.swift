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
    /// What an exercise's checks say they check: the message of each `precondition`, `assert`
    /// or `#expect` (of a test in a hidden `test` cell) in its hidden cells, in order (a check
    /// without one is listed by its condition).
    package var checkDescriptions: [String] {
        checkDescriptions(cells: Array(cells.indices))
    }

    /// The same for the hidden cells among those at `indices`.
    package func checkDescriptions(cells indices: [Int]) -> [String] {
        indices.filter(cells.indices.contains).map { cells[$0] }.filter { $0.attributes.hidden }.flatMap { cell in
            CheckCall.calls(in: cell.code).map(\.description)
        }
    }
}
