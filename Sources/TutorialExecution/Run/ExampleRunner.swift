import CSupport
import Foundation
import Synchronization
import TutorialModel
import TutorialSupport

/// An example whose program is compiled (or failed to compile), with its `no_run` cells checked.
public struct PreparedExample: Sendable {
    package var example: Example
    /// The folder holding the generated sources and the program.
    package var directory: String
    /// Compiling the cells that run; nil when the example has none.
    public var compile: CompileOutcome?
    /// Type-checking each `no_run` cell, by cell index.
    package var typeChecks: [Int: CompileOutcome]
    /// True when everything came from the cache and nothing was compiled now.
    package var cached: Bool

    var executable: String { "\(directory)/program" }
    public var hasProgram: Bool { compile?.succeeded == true }
    /// Seconds spent compiling and type-checking.
    package var compileDuration: Double {
        (compile?.duration ?? 0) + typeChecks.values.map(\.duration).reduce(0, +)
    }
}

/// Compiles examples into programs and runs them.
public struct ExampleRunner: Sendable {
    package var compiler: any ProgramCompiler
    package var cache: ProgramCache
    /// Seconds a run may last before its processes are killed (cells' `timeout=N` add to it).
    package var timeout: Double
    /// Part of every cache key: programs compiled by another compiler are not reused.
    package var compilerVersion: String
    /// How many runs of one example go at once, when it runs many times (`runs=N`).
    package var parallelRuns = ProcessInfo.processInfo.activeProcessorCount
    /// Bytes a run may use, all its processes together (see ``RunLimits``); nil for no limit.
    package var memoryLimit: Int? = MemorySize.defaultLimit.bytes
    /// Bytes a run may write into its scratch and temporary folders; nil for no limit.
    package var diskLimit: Int? = MemorySize.defaultDiskLimit.bytes
    /// How many of the machine's cores each run may use (`--cpus`); nil for all. Results of
    /// runs on fewer cores are kept apart from those on all.
    package var cpus: Int?
    /// The cache shared over HTTP, read after the local cache and written with it; nil for none.
    package var remote: RemoteCache?
    /// The SwiftPM packages the book declares (`packages/Package.swift`); nil for none.
    package var dependencies: BookDependencies?
    /// The stores the runner's build reads and writes: the local cache, then the remote one.
    package var tiers: CacheTiers {
        CacheTiers([cache] + (remote.map { [$0] } ?? []))
    }

    public static let defaultTimeout: Double = 30

    /// How many cores this process may run on (its affinity): the most `--cpus` can be.
    public static var usableCores: Int { RunLimits.usableCores }
    /// True when runs on fewer cores also see only those cores (in /sys): the tool may give runs
    /// mount namespaces of their own. Elsewhere `--cpus` narrows where runs go, not what they see.
    public static var runsSeeTheirCores: Bool { RunLimits.privateMountsWork }
    /// The tool's own identity (a hash of its executable and resources), part of every cache key.
    package static var toolHash: String { ToolIdentity.current }

    package init(compiler: any ProgramCompiler, cache: ProgramCache, compilerVersion: String, timeout: Double = ExampleRunner.defaultTimeout) {
        self.compiler = compiler
        self.cache = cache
        self.compilerVersion = compilerVersion
        self.timeout = timeout
    }

    /// The sources of an example: the program of the cells that run, and one per `no_run` cell.
    func sources(for example: Example) -> (program: GeneratedProgram?, typeChecks: [(Cell, GeneratedProgram)]) {
        let generator = ProgramGenerator()
        let program = example.programCells.isEmpty ? nil : generator.generate(example)
        return (program, example.typeCheckedCells.map { ($0, generator.typeCheckProgram(example, cell: $0)) })
    }

    /// The cache key of an example: everything that can change what it compiles to and how it
    /// runs (its cells' code and words, its module's name, the compiler, the platform, the flags, the tool) but
    /// where the cells stand in the file: an edit to the prose around them leaves the key alone.
    func key(for example: Example) -> String {
        var unplaced = example
        for index in unplaced.cells.indices {
            unplaced.cells[index].block.position.line = 0
        }
        let (program, typeChecks) = sources(for: unplaced)
        var hash = StableHash()
        // The platform too: a program compiled elsewhere is never fetched from a shared cache.
        for part in [Self.toolHash, compilerVersion, Platform.identity, example.moduleBaseName] + compiler.flags + Compiler.extraFlags(for: example) {
            hash.combine(part)
        }
        // A changed declaration or resolved version compiles the examples again.
        if let dependencies {
            hash.combine("dependencies \(dependencies.key(for: DependencyFlavour(compileFlags: Compiler.extraFlags(for: example))))")
        }
        hash.combine(program.map { $0.main + $0.support } ?? "no program")
        // The words of every cell: they change how the example runs and what it must do.
        for cell in example.cells {
            hash.combine(cell.block.info)
        }
        for (cell, source) in typeChecks {
            hash.combine("type-check \(cell.index)")
            hash.combine(source.main)
        }
        return hash.hex
    }

    /// Generates the example's sources and compiles them, unless the cache has the result. With
    /// `onlyFromCache`, returns at once what the cache has (`cached` says whether it had it).
    /// Without `checkingProgram`, a cached program is taken on its size alone: the caller must
    /// check it with ``programIsIntact(_:)`` before running it.
    public func prepare(_ example: Example, onlyFromCache: Bool = false, checkingProgram: Bool = true) async -> PreparedExample {
        let key = key(for: example)
        let directory = cache.programDirectory(key: key)
        var prepared = PreparedExample(example: example, directory: directory, compile: nil, typeChecks: [:], cached: false)
        if let record = CompileRecord.load(from: directory), record.isComplete(in: directory, checkingContents: checkingProgram) {
            // The cells may have moved since: compiler messages follow them.
            let moved = record.relocated(to: example)
            prepared.compile = moved.compile
            prepared.typeChecks = moved.typeChecks
            prepared.cached = true
            return prepared
        }
        if onlyFromCache { return prepared }
        let (program, typeChecks) = sources(for: example)
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try AtomicFile.write(Data((program?.support ?? ProgramGenerator.support).utf8), to: "\(directory)/\(GeneratedProgram.supportFileName)")
            if let program {
                try AtomicFile.write(Data(program.main.utf8), to: "\(directory)/\(GeneratedProgram.mainFileName)")
            }
            for (cell, source) in typeChecks {
                try FileManager.default.createDirectory(atPath: "\(directory)/no_run-\(cell.index)", withIntermediateDirectories: true)
                try AtomicFile.write(Data(source.main.utf8), to: "\(directory)/no_run-\(cell.index)/\(GeneratedProgram.mainFileName)")
            }
        } catch {
            prepared.compile = CompileOutcome(
                succeeded: false, log: "cannot write the generated program to \(directory): \(error.localizedDescription)\n",
                failure: .environment(reason: "cannot write the generated program"), duration: 0)
            return prepared
        }
        let module = Compiler.moduleName(for: example.moduleBaseName)
        let support = "\(directory)/\(GeneratedProgram.supportFileName)"
        var extraFlags = Compiler.extraFlags(for: example)
        if let dependencies {
            let flavour = DependencyFlavour(compileFlags: extraFlags)
            let built = await dependencies.build(flavour)
            if let failure = built.failure {
                prepared.compile = CompileOutcome(
                    succeeded: false, log: "\(failure)\n", failure: .environment(reason: "the book's dependencies did not build"), duration: 0)
                return prepared
            }
            extraFlags += dependencies.compileFlags(for: flavour, programDirectory: directory)
        }
        if program != nil {
            let temporary = "\(prepared.executable).partial-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            var outcome = await compiler.compile(
                sources: ["\(directory)/\(GeneratedProgram.mainFileName)", support], output: temporary, moduleName: module,
                extraFlags: extraFlags)
            // The rename makes the finished program appear at once: a killed compile leaves none.
            if outcome.succeeded && rename(temporary, prepared.executable) != 0 {
                outcome.succeeded = false
                outcome.failure = .environment(reason: "cannot move the compiled program into \(directory)")
                outcome.log += "cannot move the compiled program into \(directory)\n"
            }
            try? FileManager.default.removeItem(atPath: temporary)
            if let dependencies { outcome.log = dependencies.annotate(outcome.log) }
            prepared.compile = outcome
        }
        for (cell, _) in typeChecks {
            var outcome = await compiler.compile(
                sources: ["\(directory)/no_run-\(cell.index)/\(GeneratedProgram.mainFileName)", support],
                output: nil, moduleName: module, extraFlags: extraFlags)
            if let dependencies { outcome.log = dependencies.annotate(outcome.log) }
            prepared.typeChecks[cell.index] = outcome
        }
        let record = CompileRecord(
            compile: prepared.compile, typeChecks: prepared.typeChecks,
            program: prepared.executable, cellLines: example.cells.map(\.codeLine))
        if record.isWorthKeeping {
            record.save(to: directory)
        }
        return prepared
    }

    /// Whether the cached program of `prepared` holds the bytes it was compiled to (SHA-256).
    package func programIsIntact(_ prepared: PreparedExample) -> Bool {
        CompileRecord.load(from: prepared.directory)?.isComplete(in: prepared.directory) ?? false
    }

    /// The result of an earlier run of this program with the same time limit, if the cache has
    /// one that reads back whole, with the SHA-256 it was written with (``CheckedEntry``).
    package func cachedResult(for prepared: PreparedExample) -> RunResult? {
        guard let data = FileManager.default.contents(atPath: "\(prepared.directory)/\(RunRecord.fileName(cpus: cpus))").flatMap(CheckedEntry.open),
              let record = try? JSONDecoder().decode(RunRecord.self, from: data),
              record.timeout == timeout, record.memoryLimit == memoryLimit, record.diskLimit == diskLimit, record.result.cells.count == prepared.example.cells.count else { return nil }
        return record.result
    }

    /// Keeps `result` for the next build; a run that could not start (a missing scratch folder,
    /// say) says something about this machine now, not about the program, and is not kept.
    package func saveResult(_ result: RunResult, for prepared: PreparedExample) {
        if case .failedToStart = result.termination { return }
        guard let data = try? JSONEncoder().encode(RunRecord(timeout: timeout, memoryLimit: memoryLimit, diskLimit: diskLimit, result: result)) else { return }
        try? AtomicFile.write(CheckedEntry.seal(data), to: "\(prepared.directory)/\(RunRecord.fileName(cpus: cpus))")
    }

    /// Runs a compiled example. With `echo`, its output goes straight to the terminal as it
    /// arrives; it is captured per cell either way.
    /// `live`, if given, receives each line as soon as it is complete, with its cell; `stopped`
    /// is asked every few milliseconds whether to end the run now (every process is killed, as
    /// at a timeout).
    public func run(
        _ prepared: PreparedExample, echo: Bool = false,
        live: (@Sendable (Int, OutputLine) -> Void)? = nil, stopped: @escaping @Sendable () -> Bool = { false }
    ) async -> RunResult {
        let example = prepared.example
        let token = "@@tutorial-\(UUID().uuidString.lowercased())@@"
        let splitter = Mutex(OutputSplitter(token: token, cellCount: example.cells.count))
        splitter.withLock { $0.keepsFresh = live != nil }
        // What the cells' words set: standard input, environment, time limits.
        let settings = CellWordRegistry.runSettings(for: example)
        var environment = settings.environment.merging([GeneratedProgram.boundaryVariable: token]) { $1 }
        let folders: (work: String, crashReports: String)
        do {
            folders = try cache.freshRunDirectories(example: example.name)
        } catch {
            // Never in the tool's own folder instead: the program would write among the user's files.
            let why = (error as? POSIXError).map { String(cString: strerror($0.code.rawValue)) } ?? "\(error)"
            let reason = "cannot make a scratch folder for the run in \(FileManager.default.temporaryDirectory.path): \(why)"
            return RunResult(cells: splitter.withLock { $0.finish() }, termination: .failedToStart(reason), duration: 0)
        }
        // A crash's backtrace (dozens of lines) goes to a file; the page keeps the runtime's
        // "Fatal error" message. `tutorial run` leaves the runtime's defaults alone.
        // Under ThreadSanitizer the backtracer's fork trips the sanitizer's own checks (a crash
        // report of the sanitizer, a child left behind): the runtime's message is enough there.
        if example.usesThreadSanitizer {
            environment["SWIFT_BACKTRACE"] = "enable=no"
        } else if !echo {
            environment["SWIFT_BACKTRACE"] = "enable=yes,interactive=no,color=no,output-to=\(folders.crashReports)"
        }
        let limits = TimeLimits(example: example, settings: settings, timeout: timeout)
        var runner = ProcessRunner(
            timeLimit: { elapsed in
                stopped() ? elapsed : limits.exceeded(at: elapsed, current: splitter.withLock { $0.currentCell })
            },
            environment: environment, workingDirectory: folders.work, memoryLimit: memoryLimit)
        runner.perProcessDataLimit = settings.perProcessDataLimit
        runner.standardInput = settings.standardInput
        runner.diskLimit = diskLimit
        runner.cpus = cpus
        runner.runFolder = URL(fileURLWithPath: folders.work).deletingLastPathComponent().path
        // stdout and stderr as one stream, so that writes to the two keep their order.
        runner.orderedOutput = true
        // What a killed tool left running is killed before the first run.
        runner.recordFolder = "\(cache.root)/running"
        RunningRecords.killLeftovers(in: "\(cache.root)/running")
        let (command, arguments) = Self.lineBuffered(prepared.executable)
        let startedAt = Date().timeIntervalSince1970
        let filter = BoundaryFilter(token: token)
        let testProgram = TestWord.runsTests(example) ? ProgramGenerator().generate(example) : nil
        let outcome = await runner.run(command, arguments: arguments) { stream, bytes, time in
            if echo {
                var visible = filter.removeBoundaries(bytes)
                if let testProgram { visible = TestIssuePlaces.named(in: visible, program: testProgram) }
                let handle = stream == .stdout ? FileHandle.standardOutput : FileHandle.standardError
                if !visible.isEmpty { handle.write(Data(visible)) }
            }
            let fresh = splitter.withLock { splitter in
                splitter.feed(bytes, from: stream, at: time)
                return live == nil ? [] : splitter.takeFresh()
            }
            for (cell, line) in fresh { live?(cell, line) }
        }
        var cells = splitter.withLock { $0.finish() }
        if !echo { cells = CrashReporterLines.removed(from: cells) }
        if let testProgram { cells = TestIssuePlaces.named(in: cells, program: testProgram) }
        var result = RunResult(cells: cells, termination: outcome.termination, duration: outcome.duration)
        if let exceeded = outcome.exceededLimit {
            result.termination = exceeded
        } else if let memoryLimit, MemoryLimitDeath.isLikely(outcome, limit: memoryLimit, cells: cells) {
            result.termination = .exceededMemoryLimit(bytes: memoryLimit, by: outcome.memoryEnforcement == .polledMemory ? .dataLimit : outcome.memoryEnforcement ?? .dataLimit)
        }
        // Helpers a word's tool starts (ThreadSanitizer's symbolizer) are not the example's
        // processes, even when still alive at the end.
        let outlived = outcome.outlived.filter { line in !settings.helperCommands.contains { line.contains($0) } }
        result.outlived = outlived.isEmpty ? nil : outlived
        // Processes past the command lines kept are counted still.
        let unnamed = outcome.outlivedCount - outcome.outlived.count
        if unnamed > 0 { result.outlivedCount = outlived.count + unnamed }
        result.startedAt = startedAt
        result.endedAt = Date().timeIntervalSince1970
        result.crashReport = cache.keepCrashReport(from: folders, example: example.name)
        cache.removeRunDirectories(folders)
        return result
    }

    /// `stdbuf -oL` makes stdout line-buffered for the program and every child it starts.
    static func lineBuffered(_ executable: String) -> (String, [String]) {
        for stdbuf in ["/usr/bin/stdbuf", "/bin/stdbuf"] where FileManager.default.isExecutableFile(atPath: stdbuf) {
            return (stdbuf, ["-oL", executable])
        }
        return (executable, [])
    }

    static func size(of path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue
    }
}

/// A run's result as the cache keeps it, with the limits it ran under.
package struct RunRecord: Codable {
    /// The record of runs on all cores, or on `cpus` of them.
    package static func fileName(cpus: Int?) -> String {
        cpus.map { "result-cpus\($0).json" } ?? "result.json"
    }
    var timeout: Double
    var memoryLimit: Int?
    var diskLimit: Int?
    var result: RunResult
}

/// The time limits of a run: each `timeout=N` cell gets N seconds from its start, and the whole
/// run gets the default timeout plus those cells' seconds.
struct TimeLimits: Sendable {
    var perCell: [Int: Double]
    var total: Double

    /// The limits of `example`'s run, with the time limits its words set.
    package init(example: Example, timeout: Double) {
        self.init(example: example, settings: CellWordRegistry.runSettings(for: example), timeout: timeout)
    }

    package init(example: Example, settings: RunSettings, timeout: Double) {
        let running = Set(example.programCells.map(\.index))
        perCell = settings.cellTimeouts.filter { running.contains($0.key) }
        total = timeout + perCell.values.reduce(0, +)
    }

    /// The limit exceeded at `elapsed` seconds while `current` (cell, start) runs, if any.
    func exceeded(at elapsed: Double, current: (cell: Int, start: Double?)) -> Double? {
        if let limit = perCell[current.cell], let start = current.start, elapsed - start >= limit { return limit }
        return elapsed >= total ? total : nil
    }
}

/// Removes boundary lines, and the tags of a `lanes` example's lines, from output echoed to the terminal.
struct BoundaryFilter: Sendable {
    let token: [UInt8]

    package init(token: String) {
        self.token = Array(token.utf8)
    }

    /// The bytes without the boundary lines (which the program writes whole, with one write).
    func removeBoundaries(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        bytes.withUnsafeBufferPointer { all in
            var index = 0
            while index < all.count {
                let rest = UnsafeBufferPointer(rebasing: all[index...])
                let found = token.withUnsafeBufferPointer { token in
                    tutorial_find(rest.baseAddress, UInt(rest.count), token.baseAddress, UInt(token.count))
                }
                if found < 0 {
                    output += rest
                    break
                }
                output += rest[..<found]
                // A `lanes` tag goes, its line stays.
                var tags = LaneTag(token: token)
                if let (_, next) = tags.tag(in: rest, at: found) {
                    index += next
                    continue
                }
                // Skip through the end of the boundary line.
                let line = UnsafeBufferPointer(rebasing: rest[found...])
                let end = line.firstIndex(of: UInt8(ascii: "\n")) ?? (line.count - 1)
                index += found + end + 1
            }
        }
        return output
    }
}
