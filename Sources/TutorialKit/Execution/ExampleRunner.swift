import Foundation
import Synchronization

/// An example whose program is compiled (or failed to compile).
public struct PreparedExample: Sendable {
    public var example: Example
    public var program: GeneratedProgram
    /// The folder holding the generated sources and the program.
    public var directory: String
    public var compile: CompileOutcome
    /// True when the program came from the cache and was not compiled now.
    public var cached: Bool

    public var executable: String { "\(directory)/program" }
    public var mainSource: String { "\(directory)/\(GeneratedProgram.mainFileName)" }
}

/// Compiles examples into programs and runs them.
public struct ExampleRunner: Sendable {
    public var compiler: Compiler
    public var cache: ProgramCache
    /// Seconds a run may last before its process group is killed.
    public var timeout: Double
    /// Part of every cache key: programs compiled by another compiler are not reused.
    public var compilerVersion: String

    public static let defaultTimeout: Double = 30
    /// The tool's own version, part of every cache key.
    public static let toolVersion = "0.1.0"

    public init(compiler: Compiler, cache: ProgramCache, compilerVersion: String, timeout: Double = ExampleRunner.defaultTimeout) {
        self.compiler = compiler
        self.cache = cache
        self.compilerVersion = compilerVersion
        self.timeout = timeout
    }

    /// The cache key of a program: everything that can change what it compiles to.
    public func key(for program: GeneratedProgram) -> String {
        var hash = StableHash()
        for part in [Self.toolVersion, compilerVersion, program.main, program.support] + compiler.flags {
            hash.combine(part)
        }
        return hash.hex
    }

    /// Generates the example's program and compiles it, unless the cache has it already.
    public func prepare(_ example: Example) async -> PreparedExample {
        let program = ProgramGenerator().generate(example)
        let key = key(for: program)
        let directory = cache.programDirectory(example: example.name, key: key)
        var prepared = PreparedExample(
            example: example, program: program, directory: directory,
            compile: CompileOutcome(succeeded: false, log: "", duration: 0), cached: false)
        if FileManager.default.isExecutableFile(atPath: prepared.executable) {
            prepared.compile = CompileOutcome(succeeded: true, log: "", duration: 0)
            prepared.cached = true
            return prepared
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try ProgramCache.writeAtomically(Data(program.main.utf8), to: prepared.mainSource)
            try ProgramCache.writeAtomically(Data(program.support.utf8), to: "\(directory)/\(GeneratedProgram.supportFileName)")
        } catch {
            prepared.compile.log = "cannot write the generated program to \(directory): \(error.localizedDescription)\n"
            return prepared
        }
        let temporary = "\(prepared.executable).partial-\(getpid())"
        prepared.compile = await compiler.compile(
            sources: [prepared.mainSource, "\(directory)/\(GeneratedProgram.supportFileName)"],
            output: temporary,
            moduleName: Compiler.moduleName(for: example.name))
        if prepared.compile.succeeded {
            // The rename makes the finished program appear at once: a killed compile leaves none.
            if rename(temporary, prepared.executable) != 0 {
                prepared.compile.succeeded = false
                prepared.compile.log += "cannot move the compiled program into \(directory)\n"
            } else {
                cache.removeStaleVersions(example: example.name, keeping: key)
            }
        }
        try? FileManager.default.removeItem(atPath: temporary)
        return prepared
    }

    /// Runs a compiled example. With `echo`, its output goes straight to the terminal as it
    /// arrives (and cells are not told apart); otherwise it is captured per cell.
    public func run(_ prepared: PreparedExample, echo: Bool = false) async -> RunResult {
        let token = echo ? nil : "@@tutorial-\(UUID().uuidString.lowercased())@@"
        let splitter = Mutex(OutputSplitter(token: token, cellCount: prepared.example.cells.count))
        var environment: [String: String] = [:]
        let folders = try? cache.freshRunDirectories(example: prepared.example.name)
        if let token {
            environment[GeneratedProgram.boundaryVariable] = token
            // A crash's backtrace (dozens of lines) goes to a file; the page keeps the runtime's
            // "Fatal error" message. `tutorial run` leaves the runtime's defaults alone.
            if let folders {
                environment["SWIFT_BACKTRACE"] = "enable=yes,interactive=no,color=no,output-to=\(folders.crashReports)"
            }
        }
        let runner = ProcessRunner(timeout: timeout, environment: environment, workingDirectory: folders?.work)
        let (command, arguments) = Self.lineBuffered(prepared.executable)
        let outcome = await runner.run(command, arguments: arguments) { stream, bytes, time in
            if echo {
                let handle = stream == .stdout ? FileHandle.standardOutput : FileHandle.standardError
                handle.write(Data(bytes))
            }
            splitter.withLock { $0.feed(bytes, from: stream, at: time) }
        }
        let cells = splitter.withLock { $0.finish() }
        var result = RunResult(cells: cells, termination: outcome.termination, duration: outcome.duration)
        if let folders, let report = try? FileManager.default.contentsOfDirectory(atPath: folders.crashReports).sorted().last {
            result.crashReport = "\(folders.crashReports)/\(report)"
        }
        return result
    }

    /// `stdbuf -oL` makes stdout line-buffered for the program and every child it starts.
    static func lineBuffered(_ executable: String) -> (String, [String]) {
        for stdbuf in ["/usr/bin/stdbuf", "/bin/stdbuf"] where FileManager.default.isExecutableFile(atPath: stdbuf) {
            return (stdbuf, ["-oL", executable])
        }
        return (executable, [])
    }
}
