import TutorialExecution
import TutorialModel
/// What one cell of an example showed and how it ended, as the check stage decided it.
public struct CellVerdict: Hashable, Sendable {
    var status: OutputBlock.Status
    /// What the cell printed, when it ran.
    var output: CellOutput?
    /// When the cell started and ended, in seconds since the start of the run: it ends when
    /// the next cell starts, or the run ends.
    var start: Double?
    var end: Double?
    /// Whether the cell is part of the program that runs (not `no_run`).
    var runs: Bool
    /// Processes that outlived the program and were killed, said at the cell that ran last.
    var note: String?
    /// ThreadSanitizer's reports printed while the cell ran (`tsan`); their lines are not in
    /// ``output``.
    var reports: [ThreadSanitizerReport] = []

    /// The statuses of every cell of an example's outcome.
    static func all(_ outcome: ExampleOutcome) -> [CellVerdict] {
        let example = outcome.example
        let files = Set(example.cells.map(\.sourceName))
        return example.cells.map { cell in
            var verdict = CellVerdict(status: status(of: cell, in: outcome), runs: cell.runs)
            if cell.runs, outcome.prepared.hasProgram, let run = outcome.run, run.cells.indices.contains(cell.index) {
                verdict.output = run.cells[cell.index]
                if example.usesThreadSanitizer, let lines = verdict.output?.lines {
                    let (reports, rest) = ThreadSanitizerReport.extract(from: lines, files: files)
                    verdict.reports = reports
                    verdict.output?.lines = rest
                    let omissionIndex = min(verdict.output?.omissionIndex ?? 0, rest.count)
                    verdict.output?.omissionIndex = omissionIndex
                }
                verdict.start = run.cells[cell.index].start
                if run.lastStartedCell == cell.index { verdict.note = run.outlivedSummary }
                if verdict.start != nil {
                    let next = run.cells.indices.dropFirst(cell.index + 1).lazy.compactMap { run.cells[$0].start }.first
                    verdict.end = next ?? run.duration
                }
            }
            return verdict
        }
    }

    private static func status(of cell: Cell, in outcome: ExampleOutcome) -> OutputBlock.Status {
        let example = outcome.example
        guard cell.runs else {
            guard outcome.prepared.typeChecks[cell.index]?.succeeded == false else { return .onlyCompiled }
            return .compileError(outcome.typeCheckLogs[cell.index].map { messages($0, cells: [cell.index]) } ?? "")
        }
        guard let compile = outcome.prepared.compile, let log = outcome.compilerLog else { return .ran }
        if example.expectation == .failToCompile {
            return compile.succeeded
                ? .notRun("this cell compiled, but it must not (compile_fail)")
                : .compileErrorAsExpected(messages(log, cells: nil))
        }
        guard compile.succeeded, let run = outcome.run else {
            let own = messages(log, cells: [cell.index])
            if !own.isEmpty { return .compileError(own) }
            if cell.index == example.programCells.first?.index && !log.entries.contains(where: { $0.cell != nil }) {
                // Messages that point at no cell are shown with the first cell.
                let all = messages(log, cells: nil)
                return .compileError(all.isEmpty ? "the example did not compile" : all)
            }
            return .notRun("not run: the example did not compile")
        }
        guard run.cells.indices.contains(cell.index), run.cells[cell.index].start != nil else {
            return .notRun("not run: the example stopped before these cells")
        }
        if !run.termination.succeeded && run.lastStartedCell == cell.index {
            return example.expectation == .failToRun ? .failedAsExpected(run.termination) : .failed(run.termination)
        }
        return .ran
    }

    /// The compiler's messages about `cells` (all of them for nil), as the compiler printed them.
    static func messages(_ log: CompilerLog, cells: [Int]?) -> String {
        let entries = log.entries.filter { entry in cells.map { entry.cell.map($0.contains) ?? false } ?? true }
        let text = entries.map(\.text).joined(separator: "\n")
        return cells == nil ? log.preamble + text : text
    }
}
