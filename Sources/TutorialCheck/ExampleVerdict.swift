import TutorialExecution
import TutorialModel
import TutorialSupport
/// Whether an example did what its cells say, decided once after it ran: each cell's status and
/// output, the example's diagnostics (compiler messages, failures, output that differs from what
/// a slot expects), and so whether it passed. The page, the summary, `run` and `check` all read
/// this one value.
public struct ExampleVerdict: Sendable {
    public let outcome: ExampleOutcome
    /// A verdict per cell of the example, by index.
    let cells: [CellVerdict]
    /// Compiler messages and failures, each at the line of the Markdown file it concerns.
    package private(set) var diagnostics: [Diagnostic]
    /// The lines of the slots whose expected output differs from the real one.
    package private(set) var differingSlots: Set<Int> = []
    /// The output block of each place of the book that the example's cells feed, by its cells,
    /// made at check time (distributions of `runs=N` included): rendering only reads them.
    private var blocks: [[Int]: OutputBlock] = [:]
    /// Which program ran and which run of it, in a word: a page showing this example changes
    /// exactly when this does.
    package let runIdentity: String

    public init(_ outcome: ExampleOutcome) {
        self.outcome = outcome
        let cells = CellVerdict.all(outcome)
        self.cells = cells
        self.diagnostics = Self.diagnostics(of: outcome, cells: cells) + Self.runsDiagnostics(outcome)
        self.runIdentity = "\(outcome.prepared.directory) \(outcome.prepared.compile?.startedAt ?? 0) \(outcome.run?.startedAt ?? 0)"
    }

    /// Every run of the program, condensed: the first, then the repeats (`runs=N`).
    package var allRuns: [RunSummary] {
        guard let run = outcome.run else { return [] }
        return [RunSummary(run)] + (run.repeats ?? [])
    }

    /// Why ThreadSanitizer's check did not happen, when the example asked for it (`tsan`) and
    /// the sanitizer could not run on this machine.
    var sanitizerNotRun: String? {
        guard example.usesThreadSanitizer, let run = outcome.run else { return nil }
        return ThreadSanitizerReport.failedToStart(run.cells.flatMap(\.lines))
    }

    public var example: Example { outcome.example }

    /// True when the example did what its cells say: compiled and exited with status 0 (or
    /// failed as `compile_fail` or `should_fail` said), and printed what its slots expect.
    public var succeeded: Bool {
        diagnostics.allSatisfy { $0.severity != .error }
    }

    /// The output block of some of the example's cells (those feeding one place on a page), as
    /// the check stage made it.
    package func block(cells indices: [Int]) -> OutputBlock {
        var block = blocks[indices] ?? makeBlock(cells: indices)
        // A check that held is worth a mark only on a page whose example passed.
        if !succeeded { block.checks = [] }
        return block
    }

    /// Makes and keeps the output block of each place fed by the cells `places` list.
    package mutating func prepareBlocks(for places: [[Int]]) {
        for indices in places where blocks[indices] == nil {
            blocks[indices] = makeBlock(cells: indices)
        }
    }

    private func makeBlock(cells indices: [Int]) -> OutputBlock {
        let valid = indices.filter(cells.indices.contains)
        var block = OutputBlock(cells: valid.map { cells[$0] }, expectation: example.expectation)
        block.sanitizerNotRun = sanitizerNotRun
        block.example = example
        block.cellIndices = valid
        block.checks = cellChecks(block)
        if example.repeatCount > 1, block.hasRun, outcome.run?.repeats != nil {
            block.distribution = RunDistribution(allRuns, cells: valid.filter { cells[$0].runs }, masks: example.runsIgnore)
        }
        return block
    }

    /// Compares the output of `cells` with what `slot` expects, and records a difference.
    /// With many runs (`runs=N`), every run must print what the slot expects.
    mutating func check(slot: FencedBlock, expected: ExpectedOutput, cells indices: [Int]) {
        let block = block(cells: indices)
        guard block.hasRun else { return }
        var mismatch = expected.mismatch(block.text, file: example.file).map { ("", $0) }
        if mismatch == nil, block.distribution != nil {
            let runs = allRuns
            for (number, run) in runs.enumerated().dropFirst() {
                let text = indices.filter(run.cells.indices.contains).map { run.cells[$0] }.joined()
                if let diff = expected.mismatch(text, file: example.file) {
                    mismatch = (" in run \(number + 1) of \(runs.count)", diff)
                    break
                }
            }
        }
        guard let (which, diff) = mismatch else {
            blocks[indices, default: block].checks.insert(Self.slotCheck(expected, runs: block.distribution?.runs), at: 0)
            return
        }
        differingSlots.insert(slot.position.line)
        diagnostics.append(Diagnostic(
            file: example.file, line: slot.position.line, column: slot.position.column,
            message: "the output\(which) differs from the expected output written here:\n\(diff)", category: .expectedOutput))
    }

    /// What the cells' words find in the runs of `runs=N` (`expect_varies`, `expect_stable`),
    /// over the whole program's output in every run.
    private static func runsDiagnostics(_ outcome: ExampleOutcome) -> [Diagnostic] {
        let example = outcome.example
        guard example.repeatCount > 1, let run = outcome.run, let repeats = run.repeats else { return [] }
        let runs = [RunSummary(run)] + repeats
        let distribution = RunDistribution(runs, cells: Array(example.cells.indices), masks: example.runsIgnore)
        let evidence = RunsEvidence(
            runCount: runs.count,
            outcomes: distribution.outcomes.map { .init(text: $0.text, ending: $0.ending, firstRun: $0.firstRun, count: $0.count) },
            headline: distribution.headline)
        return CellWordRegistry.findings(for: example, runs: evidence).map { at(example.cells[$0.cell], $0.message) }
    }

    private static func diagnostics(of outcome: ExampleOutcome, cells: [CellVerdict]) -> [Diagnostic] {
        let example = outcome.example
        var diagnostics = typeCheckDiagnostics(outcome)
        let cell = example.expectationCell
        guard let compile = outcome.prepared.compile, let log = outcome.compilerLog else { return diagnostics }
        if example.expectation == .failToCompile {
            if compile.succeeded {
                diagnostics.append(at(cell, "this cell must not compile (compile_fail), but the example '\(example.name)' compiled"))
            } else if let missing = CompileFailCheck.missingGroups(example, log: log, cell: cell) {
                diagnostics.append(missing)
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
        if example.usesThreadSanitizer {
            if let tsan = sanitizerDiagnostics(outcome, cells: cells) { return diagnostics + tsan + outlivedWarning(outcome) }
        }
        switch (example.expectation, run.termination) {
        case (_, .failedToStart(let reason)):
            diagnostics.append(at(failed, "could not run the example '\(example.name)': \(reason)"))
        case (.failToRun, let termination) where termination.succeeded && example.isExercise:
            diagnostics.append(at(cell, "the starter code of the exercise '\(example.name)' passes every check: an exercise must not pass before the learner changes it"))
        case (.failToRun, let termination) where termination.succeeded:
            diagnostics.append(at(cell, "this cell must fail (should_fail), but the example '\(example.name)' exited with status 0"))
        case (.succeed, let termination) where !termination.succeeded:
            // A `test` cell's failing tests, each at the line of its issue, then the failure.
            if TestWord.runsTests(example), run.cells.indices.contains(failed.index) {
                diagnostics += TestIssue.diagnostics(example, output: run.cells[failed.index])
            }
            diagnostics.append(at(failed, failureMessage(example, run, cell: failed.index)))
        default:
            break
        }
        return diagnostics + outlivedWarning(outcome)
    }

    /// A warning naming the processes that outlived the program and were killed, if any.
    private static func outlivedWarning(_ outcome: ExampleOutcome) -> [Diagnostic] {
        guard let run = outcome.run, let outlived = run.outlivedSummary else { return [] }
        let example = outcome.example
        var warning = at(example.cells[run.lastStartedCell ?? example.programCells.first?.index ?? 0], "the example '\(example.name)': \(outlived)")
        warning.severity = .warning
        return [warning]
    }

    /// The sanitizer's verdict (`tsan`), or nil to judge the run like any other: a race is an
    /// error, unless the example must fail (`should_fail`), which then means it must race.
    private static func sanitizerDiagnostics(_ outcome: ExampleOutcome, cells: [CellVerdict]) -> [Diagnostic]? {
        let example = outcome.example
        guard let run = outcome.run else { return nil }
        if let reason = ThreadSanitizerReport.failedToStart(run.cells.flatMap(\.lines)) {
            return [Diagnostic(
                file: example.file, line: example.cells[0].block.position.line, column: example.cells[0].block.position.column,
                severity: .warning, message: "\(sanitizerUnavailable): \(reason); the race check of '\(example.name)' was not run",
                category: .sanitizerUnavailable)]
        }
        let reports = zip(example.cells, cells).flatMap { cell, verdict in verdict.reports.map { (cell, $0) } }
        let racedOnly = run.termination == .exited(ThreadSanitizerReport.exitStatus) && !reports.isEmpty
        if example.expectation == .failToRun {
            // An exercise's starter may fail a check or race: either is a failure to fix.
            if reports.isEmpty, example.isExercise { return nil }
            if reports.isEmpty {
                return [at(example.expectationCell, "this cell must show a data race (tsan should_fail), but ThreadSanitizer reported none in the example '\(example.name)'")]
            }
            return racedOnly || !run.termination.succeeded ? [] : nil
        }
        guard !reports.isEmpty else { return nil }
        var found = reports.map { cell, report in
            at(cell, "ThreadSanitizer: \(report.summary)")
        }
        if !racedOnly, !run.termination.succeeded {
            let ended = example.cells[run.lastStartedCell ?? 0]
            found.append(at(ended, failureMessage(example, run, cell: ended.index)))
        }
        return found
    }

    /// The start of the warning given when ThreadSanitizer cannot run on this machine.
    package static let sanitizerUnavailable = "ThreadSanitizer cannot run on this machine"

    /// Errors of `no_run` cells that do not type-check, reported at the cell itself.
    private static func typeCheckDiagnostics(_ outcome: ExampleOutcome) -> [Diagnostic] {
        outcome.typeCheckLogs.sorted { $0.key < $1.key }.flatMap { index, log -> [Diagnostic] in
            guard outcome.prepared.typeChecks[index]?.succeeded == false else { return [] }
            let own = log.entries.filter { $0.cell == index || $0.cell == nil }.map(\.diagnostic).filter { $0.severity == .error }
            return own.isEmpty ? [at(outcome.example.cells[index], "this no_run cell does not compile")] : own
        }
    }

    private static func at(_ cell: Cell, _ message: String) -> Diagnostic {
        Diagnostic(file: cell.file, line: cell.block.position.line, column: cell.block.position.column, message: message, category: .run)
    }

    private static func failureMessage(_ example: Example, _ run: RunResult, cell: Int) -> String {
        let name = "the example '\(example.name)'"
        let fatal = run.cells[cell].lines.last { line in
            line.stream == .stderr && ["Fatal error", "Precondition failed", "Assertion failed"].contains { line.text.contains($0) }
        }
        let reason = fatal.map { ": \($0.text)" } ?? ""
        switch run.termination {
        case .exited(let code): return "\(name) exited with status \(code) in this cell\(reason)"
        case .signaled:
            let report = run.crashReport.map { " (backtrace in \($0))" } ?? ""
            return "\(name) crashed in this cell, \(run.termination.summary)\(reason)\(report)"
        case .timedOut(let seconds):
            return "\(name) timed out in this cell: killed after \(Seconds.format(seconds)) with all its processes"
        case .exceededMemoryLimit, .exceededDiskLimit:
            let note = run.termination.enforcementNote.map { "; \($0)" } ?? ""
            return "\(name) \(run.termination.summary) in this cell\(note)"
        case .failedToStart(let message): return "could not run \(name): \(message)"
        }
    }
}
