import Foundation
import TutorialExecution
import TutorialModel

/// What a build does with the remote cache and the shards: fetch and publish entries, decide
/// which examples a shard holds, and check, for `--cached-only`, that the cache has everything.
enum BookSharing {
    /// The examples a build handles: its shard's, or all; with `--cached-only`, throws a
    /// diagnostic naming each one the cache lacks.
    static func examples(of project: Project, runner: ExampleRunner) async throws(DiagnosticsError) -> [Example] {
        let sharing = project.settings.sharing
        var examples = project.catalog.examples
        if let shard = sharing.shard {
            examples = await project.shardPlan(count: shard.count, remote: runner.remote).examples(examples, in: shard, name: \.name)
        }
        if sharing.cachedOnly {
            let missing = await missing(examples, runner: runner)
            if !missing.isEmpty { throw DiagnosticsError(missing + warnings(runner)) }
        }
        return examples
    }

    /// What went wrong with the remote cache, said once.
    static func warnings(_ runner: ExampleRunner) -> [Diagnostic] {
        guard let remote = runner.remote else { return [] }
        return remote.warnings.map { Diagnostic(file: remote.base.absoluteString, severity: .warning, message: $0, category: .remoteCache) }
    }

    static func programEntry(_ prepared: PreparedExample) -> String {
        "tutorial program v2 \(URL(fileURLWithPath: prepared.directory).lastPathComponent)"
    }

    /// A result's name holds the limits it ran under: runs under other limits neither use nor
    /// overwrite it.
    static func resultEntry(_ prepared: PreparedExample, runner: ExampleRunner) -> String {
        let limits = [runner.timeout, Double(runner.memoryLimit ?? 0), Double(runner.diskLimit ?? 0)].map { String($0) }
        return "tutorial result v2 \(URL(fileURLWithPath: prepared.directory).lastPathComponent) \(limits.joined(separator: " "))"
    }

    /// Fetches the example's compiled program (or its compiler messages) when the local cache
    /// lacks it; returns the example as the cache now has it.
    static func fetchProgram(_ prepared: PreparedExample, runner: ExampleRunner) async -> PreparedExample {
        guard !prepared.cached, let remote = runner.remote,
              await remote.fetch(entry: programEntry(prepared), into: prepared.directory, last: [CompileRecord.fileName]) else { return prepared }
        return await runner.prepare(prepared.example, onlyFromCache: true)
    }

    /// Publishes what compiling the example left in the local cache.
    static func storeProgram(_ prepared: PreparedExample, runner: ExampleRunner) async {
        guard let remote = runner.remote, CompileRecord.load(from: prepared.directory) != nil else { return }
        let files = prepared.hasProgram ? ["program", CompileRecord.fileName] : [CompileRecord.fileName]
        await remote.store(entry: programEntry(prepared), files: files, from: prepared.directory)
    }

    /// The cached result of the example's program, local first, then remote.
    static func cachedResult(_ prepared: PreparedExample, runner: ExampleRunner) async -> RunResult? {
        if let result = runner.cachedResult(for: prepared) { return result }
        guard let remote = runner.remote,
              await remote.fetch(entry: resultEntry(prepared, runner: runner), into: prepared.directory, last: []) else { return nil }
        return runner.cachedResult(for: prepared)
    }

    static func storeResult(_ prepared: PreparedExample, runner: ExampleRunner) async {
        await runner.remote?.store(entry: resultEntry(prepared, runner: runner), files: [RunRecord.fileName], from: prepared.directory)
    }

    /// The examples whose program or result the cache (local, then remote) lacks, as
    /// diagnostics naming each one: `--cached-only` builds nothing and fails on them.
    static func missing(_ examples: [Example], runner: ExampleRunner) async -> [Diagnostic] {
        await withTaskGroup(of: (Int, Diagnostic?).self) { group in
            for (index, example) in examples.enumerated() {
                group.addTask {
                    var prepared = await runner.prepare(example, onlyFromCache: true)
                    prepared = await fetchProgram(prepared, runner: runner)
                    let lacking: String? = if !prepared.cached { "no compiled program" } else if !prepared.hasProgram {
                        nil
                    } else if await cachedResult(prepared, runner: runner) == nil { "no run result" } else { nil }
                    return (index, lacking.map { lacking in
                        Diagnostic(
                            file: example.file, line: example.cells.first?.block.position.line,
                            message: "--cached-only: the cache has \(lacking) for the example '\(example.name)'", category: .cache)
                    })
                }
            }
            var found: [(Int, Diagnostic)] = []
            for await (index, diagnostic) in group { if let diagnostic { found.append((index, diagnostic)) } }
            return found.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }
}
