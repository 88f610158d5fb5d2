/// One cell of an example: a fenced `swift` block.
public struct Cell: Hashable, Sendable {
    /// The chapter file holding the cell, as shown in diagnostics.
    public var file: String
    /// The cell's fenced block as written.
    package var block: FencedBlock
    /// The position of the cell within its example, from 0.
    public var index: Int
    package var attributes: CellAttributes

    public var code: String { block.body }
    /// The chapter as the generated program names it (`#sourceLocation`): its path inside the
    /// chapters folder, whatever that folder is called, so that moving or renaming the folder
    /// leaves every program and cache key as it was. The compiler's messages are mapped back to
    /// ``file``.
    package var sourceName: String {
        String(file.split(separator: "/").last ?? Substring(file))
    }
    /// The first line of code in the Markdown file.
    package var codeLine: Int { block.bodyLine }
    /// How far the code is indented in the Markdown file (cells in lists and quotes).
    package var codeIndent: Int { block.position.column - 1 }
    /// How many lines of code the cell has.
    package var lineCount: Int {
        code.split(separator: "\n", omittingEmptySubsequences: false).count - (code.hasSuffix("\n") ? 1 : 0)
    }
    /// Whether the cell is part of the program that runs (not `no_run`).
    package var runs: Bool { attributes.mode != .noRun }
}

/// A registered example: cells compiled into one program and run together.
public struct Example: Hashable, Sendable {
    /// What the example must do for the build to pass.
    public enum Expectation: Hashable, Sendable {
        /// Compile, run, and exit with status 0.
        case succeed
        /// Fail to compile (`compile_fail`).
        case failToCompile
        /// Compile, then crash, exit non-zero or time out (`should_fail`).
        case failToRun
    }

    /// The name `tutorial run` takes: the chapter's slug, an `example=NAME`, or `slug:LINE` for a
    /// `compile_fail` or `should_fail` cell that stands on its own.
    public var name: String
    /// The chapter file the example comes from.
    public var file: String
    public var cells: [Cell]
    public var expectation: Expectation

    package init(name: String, file: String, cells: [Cell], expectation: Expectation = .succeed) {
        self.name = name
        self.file = file
        self.cells = cells
        self.expectation = expectation
    }

    /// The cells of the program that runs, in order.
    package var programCells: [Cell] { cells.filter(\.runs) }
    /// The `no_run` cells, each type-checked after the program cells before it.
    public var typeCheckedCells: [Cell] { cells.filter { !$0.runs } }
    /// True when a cell asks for the example to run alone.
    public var isExclusive: Bool { cells.contains { $0.attributes.exclusive } }
    /// How many times the program runs: the largest `runs=N` of its cells, or 1.
    package var repeatCount: Int { cells.compactMap(\.attributes.repeatCount).max() ?? 1 }
    /// The patterns masked before runs are compared, from every cell's `runs_ignore=`.
    package var runsIgnore: [String] { cells.flatMap(\.attributes.runsIgnore) }
    /// True when a cell asks for ThreadSanitizer (`tsan`).
    package var usesThreadSanitizer: Bool { cells.contains { $0.attributes.threadSanitizer } }
    /// The isolation of code that names none, from the first cell that says
    /// `default_isolation=`; nil for the compiler's default (nonisolated).
    package var defaultIsolation: String? { cells.lazy.compactMap(\.attributes.defaultIsolation).first }
    /// What the program's module is named after: the example's name without the line of a
    /// failing cell standing on its own (`deadlocks:42` compiles as module `deadlocks`), so that
    /// moving the cell changes nothing in the program.
    package var moduleBaseName: String {
        String(name.split(separator: ":").first ?? Substring(name))
    }

    /// True for an exercise's starter code with its checks (`exercise=NAME`).
    package var isExercise: Bool { solvedExercise == nil && cells.contains { $0.attributes.exercise != nil } }
    /// The exercise whose solution this is (`solution=NAME`), if it is one.
    package var solvedExercise: String? { cells.first?.attributes.solution }
    /// The name of the example that runs the solution of the exercise `name` with its checks.
    package static func solutionName(of name: String) -> String { "\(name):solution" }

    /// The cell that stated the expectation (the first `compile_fail` or `should_fail` one).
    package var expectationCell: Cell {
        cells.first { $0.attributes.mode == .compileFail || $0.attributes.mode == .shouldFail } ?? cells[0]
    }
}
