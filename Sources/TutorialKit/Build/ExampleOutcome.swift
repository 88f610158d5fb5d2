/// What building one example gave: its program, its run, and what went wrong.
public struct ExampleOutcome: Sendable {
    public var prepared: PreparedExample
    /// The run, or nil when the program did not compile.
    public var run: RunResult?
    public var compilerLog: CompilerLog

    public init(prepared: PreparedExample, run: RunResult?) {
        self.prepared = prepared
        self.run = run
        self.compilerLog = CompilerLog(prepared.compile.log, example: prepared.example, directory: prepared.directory)
    }

    public var example: Example { prepared.example }

    /// True when the example compiled and its program exited with status 0.
    public var succeeded: Bool {
        prepared.compile.succeeded && run?.termination.succeeded == true
    }

    /// Compiler messages and run failures, each at the line of the Markdown file it concerns.
    public var diagnostics: [Diagnostic] {
        let compilerMessages = compilerLog.entries.map(\.diagnostic).filter { $0.severity != .note }
        guard prepared.compile.succeeded else {
            if compilerMessages.contains(where: { $0.severity == .error }) { return compilerMessages }
            let first = example.cells[0].block.position
            let detail = compilerLog.preamble.split(separator: "\n").last.map { ": \($0)" } ?? ""
            return compilerMessages + [Diagnostic(
                file: example.file, line: first.line, column: first.column,
                message: "the example '\(example.name)' did not compile\(detail)")]
        }
        guard let run, !run.termination.succeeded else { return compilerMessages }
        let cell = example.cells[run.lastStartedCell ?? 0]
        return compilerMessages + [Diagnostic(
            file: cell.file, line: cell.block.position.line, column: cell.block.position.column,
            message: failureMessage(run, cell: cell.index))]
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
        case .failedToStart(let message): return "could not run \(name): \(message)"
        }
    }
}
