/// What building one example gave: its program, its run, and what went wrong.
public struct ExampleOutcome: Sendable {
    public var prepared: PreparedExample
    /// The run, or nil when there was no program to run.
    public var run: RunResult?
    /// The compiler's messages about the program, and about each `no_run` cell (by index).
    public var compilerLog: CompilerLog?
    public var typeCheckLogs: [Int: CompilerLog]
    /// True when the run's result came from the cache: the program did not run now.
    public var runCached: Bool

    public init(prepared: PreparedExample, run: RunResult?, runCached: Bool = false) {
        self.prepared = prepared
        self.run = run
        self.runCached = runCached
        let example = prepared.example
        self.compilerLog = prepared.compile.map { CompilerLog($0.log, example: example, directory: prepared.directory) }
        self.typeCheckLogs = prepared.typeChecks.mapValues { outcome in
            CompilerLog(outcome.log, example: example, directory: prepared.directory)
        }
    }

    public var example: Example { prepared.example }

    /// True when nothing was compiled or run now: everything came from the cache.
    public var fullyCached: Bool {
        prepared.cached && (run == nil || runCached)
    }

    /// True when the example did what its cells say it must: compile and exit with status 0,
    /// or fail to compile (`compile_fail`), or fail when run (`should_fail`).
    public var succeeded: Bool {
        diagnostics.allSatisfy { $0.severity != .error }
    }

    /// Compiler messages and failures, each at the line of the Markdown file it concerns.
    public var diagnostics: [Diagnostic] {
        var diagnostics = typeCheckDiagnostics
        let expectation = example.expectation
        let cell = example.expectationCell
        guard let compile = prepared.compile, let log = compilerLog else { return diagnostics }
        if expectation == .failToCompile {
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
        guard let run else { return diagnostics }
        let failed = example.cells[run.lastStartedCell ?? example.programCells.first?.index ?? 0]
        switch (expectation, run.termination) {
        case (_, .failedToStart(let reason)):
            diagnostics.append(at(failed, "could not run the example '\(example.name)': \(reason)"))
        case (.failToRun, let termination) where termination.succeeded:
            diagnostics.append(at(cell, "this cell must fail (should_fail), but the example '\(example.name)' exited with status 0"))
        case (.succeed, let termination) where !termination.succeeded:
            diagnostics.append(at(failed, failureMessage(run, cell: failed.index)))
        default:
            break
        }
        if let outlived = run.outlivedSummary {
            var warning = at(failed, "the example '\(example.name)': \(outlived)")
            warning.severity = .warning
            diagnostics.append(warning)
        }
        return diagnostics
    }

    /// Everything the compiler said about the program and the `no_run` cells, as it printed it
    /// (with paths relative to the book).
    public var compilerMessages: String {
        let logs = [compilerLog].compactMap { $0 } + typeCheckLogs.sorted { $0.key < $1.key }.map(\.value)
        return logs.map { $0.preamble + $0.entries.map(\.text).joined(separator: "\n") }
            .filter { !$0.isEmpty }.joined(separator: "\n")
    }

    /// Errors of `no_run` cells that do not type-check, reported at the cell itself.
    private var typeCheckDiagnostics: [Diagnostic] {
        typeCheckLogs.sorted { $0.key < $1.key }.flatMap { index, log -> [Diagnostic] in
            guard prepared.typeChecks[index]?.succeeded == false else { return [] }
            let own = log.entries.filter { $0.cell == index || $0.cell == nil }.map(\.diagnostic).filter { $0.severity == .error }
            return own.isEmpty ? [at(example.cells[index], "this no_run cell does not compile")] : own
        }
    }

    private func at(_ cell: Cell, _ message: String) -> Diagnostic {
        Diagnostic(file: cell.file, line: cell.block.position.line, column: cell.block.position.column, message: message)
    }

    private func failureMessage(_ run: RunResult, cell: Int) -> String {
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
        case .exceededMemoryLimit: return "\(name) \(run.termination.summary) in this cell"
        case .failedToStart(let message): return "could not run \(name): \(message)"
        }
    }
}
