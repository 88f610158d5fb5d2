import TutorialExecution
import TutorialModel
/// What building one example gave, as it happened: its program (or the compiler's messages),
/// its run, and what came from the cache. What it means (did the example do what its cells
/// say?) is decided once, by ``ExampleVerdict``.
public struct ExampleOutcome: Sendable {
    package internal(set) var prepared: PreparedExample
    /// The run, or nil when there was no program to run.
    package internal(set) var run: RunResult?
    /// The compiler's messages about the program, and about each `no_run` cell (by index).
    package var compilerLog: CompilerLog?
    package var typeCheckLogs: [Int: CompilerLog]
    /// True when the run's result came from the cache: the program did not run now.
    package var runCached: Bool

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

    package var example: Example { prepared.example }

    /// True when nothing was compiled or run now: everything came from the cache.
    package var fullyCached: Bool {
        prepared.cached && (run == nil || runCached)
    }

    /// Everything the compiler said about the program and the `no_run` cells, as it printed it
    /// (with paths relative to the book).
    public var compilerMessages: String {
        let logs = [compilerLog].compactMap { $0 } + typeCheckLogs.sorted { $0.key < $1.key }.map(\.value)
        return logs.map { $0.preamble + $0.entries.map(\.text).joined(separator: "\n") }
            .filter { !$0.isEmpty }.joined(separator: "\n")
    }
}
