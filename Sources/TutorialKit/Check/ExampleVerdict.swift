/// Whether an example did what its cells say, decided once after it ran: each cell's status and
/// output, the example's diagnostics (compiler messages, failures, output that differs from what
/// a slot expects), and so whether it passed. The page, the summary, `run` and `check` all read
/// this one value.
public struct ExampleVerdict: Sendable {
    public let outcome: ExampleOutcome
    /// A verdict per cell of the example, by index.
    public let cells: [CellVerdict]
    /// Compiler messages and failures, each at the line of the Markdown file it concerns.
    public private(set) var diagnostics: [Diagnostic]
    /// The lines of the slots whose expected output differs from the real one.
    public private(set) var differingSlots: Set<Int> = []

    public init(_ outcome: ExampleOutcome) {
        self.outcome = outcome
        self.cells = CellVerdict.all(outcome)
        self.diagnostics = Self.diagnostics(of: outcome)
    }

    public var example: Example { outcome.example }

    /// True when the example did what its cells say: compiled and exited with status 0 (or
    /// failed as `compile_fail` or `should_fail` said), and printed what its slots expect.
    public var succeeded: Bool {
        diagnostics.allSatisfy { $0.severity != .error }
    }

    /// The output block of some of the example's cells (those feeding one place on a page).
    public func block(cells indices: [Int]) -> OutputBlock {
        OutputBlock(cells: indices.filter(cells.indices.contains).map { cells[$0] }, expectation: example.expectation)
    }

    /// Compares the output of `cells` with what `slot` expects, and records a difference.
    mutating func check(slot: FencedBlock, expected: ExpectedOutput, cells indices: [Int]) {
        let block = block(cells: indices)
        guard block.hasRun, let diff = expected.mismatch(block.text, file: example.file) else { return }
        differingSlots.insert(slot.position.line)
        diagnostics.append(Diagnostic(
            file: example.file, line: slot.position.line, column: slot.position.column,
            message: "the output differs from the expected output written here:\n\(diff)"))
    }

    private static func diagnostics(of outcome: ExampleOutcome) -> [Diagnostic] {
        let example = outcome.example
        var diagnostics = typeCheckDiagnostics(outcome)
        let cell = example.expectationCell
        guard let compile = outcome.prepared.compile, let log = outcome.compilerLog else { return diagnostics }
        if example.expectation == .failToCompile {
            if compile.succeeded {
                diagnostics.append(at(cell, "this cell must not compile (compile_fail), but the example '\(example.name)' compiled"))
            }
            return diagnostics
        }
        let messages = log.entries.map(\.diagnostic).filter { $0.severity != .note }
        guard compile.succeeded else {
            diagnostics += messages
            if !messages.contains(where: { $0.severity == .error }) {
                let detail = log.preamble.split(separator: "\n").last.map { ": \($0)" } ?? ""
                diagnostics.append(at(example.programCells.first ?? cell, "the example '\(example.name)' did not compile\(detail)"))
            }
            return diagnostics
        }
        diagnostics += messages
        guard let run = outcome.run else { return diagnostics }
        let failed = example.cells[run.lastStartedCell ?? example.programCells.first?.index ?? 0]
        switch (example.expectation, run.termination) {
        case (_, .failedToStart(let reason)):
            diagnostics.append(at(failed, "could not run the example '\(example.name)': \(reason)"))
        case (.failToRun, let termination) where termination.succeeded:
            diagnostics.append(at(cell, "this cell must fail (should_fail), but the example '\(example.name)' exited with status 0"))
        case (.succeed, let termination) where !termination.succeeded:
            diagnostics.append(at(failed, failureMessage(example, run, cell: failed.index)))
        default:
            break
        }
        return diagnostics
    }

    /// Errors of `no_run` cells that do not type-check, reported at the cell itself.
    private static func typeCheckDiagnostics(_ outcome: ExampleOutcome) -> [Diagnostic] {
        outcome.typeCheckLogs.sorted { $0.key < $1.key }.flatMap { index, log -> [Diagnostic] in
            guard outcome.prepared.typeChecks[index]?.succeeded == false else { return [] }
            let own = log.entries.filter { $0.cell == index || $0.cell == nil }.map(\.diagnostic).filter { $0.severity == .error }
            return own.isEmpty ? [at(outcome.example.cells[index], "this no_run cell does not compile")] : own
        }
    }

    private static func at(_ cell: Cell, _ message: String) -> Diagnostic {
        Diagnostic(file: cell.file, line: cell.block.position.line, column: cell.block.position.column, message: message)
    }

    private static func failureMessage(_ example: Example, _ run: RunResult, cell: Int) -> String {
        let name = "the example '\(example.name)'"
        let fatal = run.cells[cell].lines.last { $0.stream == .stderr && $0.text.contains("Fatal error") }
        let reason = fatal.map { ": \($0.text)" } ?? ""
        switch run.termination {
        case .exited(let code): return "\(name) exited with status \(code) in this cell\(reason)"
        case .signaled:
            let report = run.crashReport.map { " (backtrace in \($0))" } ?? ""
            return "\(name) crashed in this cell, \(run.termination.summary)\(reason)\(report)"
        case .timedOut(let seconds):
            return "\(name) timed out in this cell: killed after \(Seconds.format(seconds)) with all its processes"
        case .failedToStart(let message): return "could not run \(name): \(message)"
        }
    }
}
