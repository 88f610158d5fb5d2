import Foundation
import Synchronization
import TutorialModel

/// What compiling an example gave.
public struct CompileOutcome: Hashable, Sendable, Codable {
    package var succeeded: Bool
    /// Everything the compiler printed, for display.
    package var log: String
    /// Why it failed, when it did: only a failure of the code is cached.
    package var failure: CompileFailure?
    var duration: Double
    /// When compiling started and ended, in seconds since 1970.
    package var startedAt: Double?
    package var endedAt: Double?
}

/// Runs `swiftc` on generated programs.
public struct Compiler: Sendable {
    /// The compiler: a path, or a name looked up in PATH.
    var swiftc: String
    /// Flags passed on every compile: Swift 6 language mode, and diagnostics that quote the line.
    package var flags: [String]
    var timeout: Double

    package static let defaultFlags = ["-swift-version", "6", "-diagnostic-style", "llvm", "-wmo"]

    /// The flags particular to `example`, besides ``flags``: those its cells' words ask for
    /// (``CellWord/compileFlags(_:)``, such as `-sanitize=thread -g` for `tsan` or `-O` for
    /// `optimize`). They are part of the example's cache key.
    package static func extraFlags(for example: Example) -> [String] {
        CellWordRegistry.compileFlags(for: example)
    }

    /// Seconds a compile may last by default (`--compile-timeout`).
    public static let defaultTimeout: Double = 120

    package init(swiftc: String = "swiftc", flags: [String] = Compiler.defaultFlags, timeout: Double = Compiler.defaultTimeout) {
        self.swiftc = swiftc
        self.flags = flags
        self.timeout = timeout
    }

    /// What `swiftc --version` prints: part of every cache key.
    package func version() async -> String {
        switch await askVersion() {
        case .success(let version): version
        case .failure(let failure): "unknown swiftc (\(failure.summary))"
        }
    }

    /// What `swiftc --version` printed, or how asking ended when it did not succeed.
    package func askVersion() async -> Result<String, VersionFailure> {
        let (outcome, log) = await invoke(["--version"])
        return outcome.termination.succeeded ? .success(log) : .failure(VersionFailure(summary: outcome.termination.summary))
    }

    /// How `swiftc --version` ended when it did not succeed.
    package struct VersionFailure: Error {
        package var summary: String
    }

    /// Compiles `sources` into the executable `output`, or only type-checks them when `output`
    /// is nil.
    package func compile(sources: [String], output: String?, moduleName: String, extraFlags: [String] = []) async -> CompileOutcome {
        let arguments = flags + extraFlags + ["-module-name", moduleName] + (output.map { ["-o", $0] } ?? ["-typecheck"]) + sources
        let startedAt = Date().timeIntervalSince1970
        let (outcome, log) = await invoke(arguments)
        var text = log
        if case .failedToStart(let reason) = outcome.termination {
            text += "could not run the Swift compiler: \(reason)\n"
        } else if case .timedOut(let seconds) = outcome.termination {
            text += "\(Self.timeoutMessage) after \(Seconds.format(seconds)) (--compile-timeout): it was killed with every process it started\n"
        } else if !outcome.termination.succeeded && !log.contains("error:") {
            text += "swiftc: \(outcome.termination.summary)\n"
        }
        return CompileOutcome(
            succeeded: outcome.termination.succeeded, log: text,
            failure: CompileFailure.classify(outcome.termination, log: log), duration: outcome.duration,
            startedAt: startedAt, endedAt: Date().timeIntervalSince1970)
    }

    /// How a compile that took too long is reported.
    static let timeoutMessage = "the compiler timed out"

    private func invoke(_ arguments: [String]) async -> (ProcessOutcome, String) {
        let collected = Mutex<[UInt8]>([])
        let runner = ProcessRunner(timeout: timeout)
        let outcome = await runner.run(swiftc, arguments: arguments) { _, bytes, _ in
            collected.withLock { $0 += bytes }
        }
        return (outcome, String(decoding: collected.withLock { $0 }, as: UTF8.self))
    }

    /// A valid module name for an example name (`race-conditions` -> `race_conditions`).
    static func moduleName(for name: String) -> String {
        var module = String(name.map { $0.isLetter || $0.isNumber || $0 == "_" ? $0 : "_" })
        if module.first?.isNumber ?? true { module = "Example_" + module }
        return module
    }
}
