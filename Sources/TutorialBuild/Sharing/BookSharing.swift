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

    /// The compiled program (or the compiler's messages) of an example: complete once its
    /// compile record is there.
    static func programEntry(_ prepared: PreparedExample) -> CacheEntry {
        CacheEntry(
            name: "tutorial program v2 \(URL(fileURLWithPath: prepared.directory).lastPathComponent)", folder: prepared.directory,
            files: prepared.hasProgram ? ["program", CompileRecord.fileName] : [CompileRecord.fileName], last: [CompileRecord.fileName])
    }

    /// A result's name holds the limits it ran under: runs under other limits neither use nor
    /// overwrite it.
    static func resultEntry(_ prepared: PreparedExample, runner: ExampleRunner) -> CacheEntry {
        let limits = [runner.timeout, Double(runner.memoryLimit ?? 0), Double(runner.diskLimit ?? 0)].map { String($0) }
            + (runner.cpus.map { ["cpus=\($0)"] } ?? [])
        let key = URL(fileURLWithPath: prepared.directory).lastPathComponent
        return CacheEntry(
            name: "tutorial result v2 \(key) \(limits.joined(separator: " "))", folder: prepared.directory,
            files: [RunRecord.fileName(cpus: runner.cpus)])
    }

    /// The example's compiled program (or its compiler messages) from the first store that has
    /// it; returns the example as the local cache now has it.
    static func fetchProgram(_ prepared: PreparedExample, runner: ExampleRunner) async -> PreparedExample {
        guard !prepared.cached else { return prepared }
        // Which files the entry has is only known once its record is read: ask for the record.
        var entry = programEntry(prepared)
        entry.files = [CompileRecord.fileName]
        let found = await runner.tiers.first(entry) { () async -> PreparedExample? in
            let fetched = await runner.prepare(prepared.example, onlyFromCache: true)
            return fetched.cached ? fetched : nil
        }
        return found ?? prepared
    }

    /// Gives what compiling the example left in the local cache to every store.
    static func storeProgram(_ prepared: PreparedExample, runner: ExampleRunner) async {
        guard CompileRecord.load(from: prepared.directory) != nil else { return }
        await runner.tiers.store(programEntry(prepared))
    }

    /// The cached result of the example's program, from the first store whose copy reads well.
    static func cachedResult(_ prepared: PreparedExample, runner: ExampleRunner) async -> RunResult? {
        await runner.tiers.first(resultEntry(prepared, runner: runner)) { runner.cachedResult(for: prepared) }
    }

    static func storeResult(_ prepared: PreparedExample, runner: ExampleRunner) async {
        await runner.tiers.store(resultEntry(prepared, runner: runner))
    }

    /// The examples whose program or result the cache (local, then remote) lacks, as
    /// diagnostics naming each one: `--cached-only` builds nothing and fails on them.
    static func missing(_ examples: [Example], runner: ExampleRunner) async -> [Diagnostic] {
        await withTaskGroup(of: (Int, Diagnostic?).self) { group in
            for (index, example) in examples.enumerated() {
                group.addTask {
                    var prepared = await runner.prepare(example, onlyFromCache: true)
                    prepared = await fetchProgram(prepared, runner: runner)
                    // A compile_fail example is only compiled (``ExamplePipeline``): it has no run.
                    let lacking: String? = if !prepared.cached { "no compiled program" } else if !prepared.hasProgram
                        || example.expectation == .failToCompile {
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
