/// `test`: after this cell, the program runs the example's swift-testing tests (every `@Test`
/// function and suite its cells declare) with the testing library's own runner, whose report is
/// the cell's output. A failing test makes the program exit with the runner's status there; each
/// issue it recorded is reported at the chapter's line (see ``TestingSupport``).
package struct TestWord: BareCellWord {
    package init() {}
    package static let name = "test"
    package static let needsRun = true

    /// The environment that makes the runner's colours the same on every machine: 256-colour
    /// escapes (`TERM`), never 24-bit ones (`COLORTERM`), and colour even when the tool's user set
    /// `NO_COLOR` for their terminal (the runner treats an empty value as unset): the page, not
    /// the terminal, shows them.
    package static let environment = ["TERM": "xterm-256color", "COLORTERM": "", "NO_COLOR": ""]

    package static func configure(_ settings: inout RunSettings, uses: [CellWordUse<TestWord>]) {
        guard !uses.isEmpty else { return }
        settings.environment.merge(environment) { $1 }
    }

    /// Whether `example` runs tests.
    package static func runsTests(_ example: Example) -> Bool {
        !uses(in: example).isEmpty
    }
}
