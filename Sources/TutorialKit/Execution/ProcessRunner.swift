import Foundation
import Subprocess
import Synchronization
import SystemPackage

/// How a process ended and how long it took.
public struct ProcessOutcome: Hashable, Sendable {
    public var termination: Termination
    public var duration: Double
}

/// Runs a program in a process group of its own, streams its output as it arrives, and makes sure
/// no process of the group outlives the run.
public struct ProcessRunner: Sendable {
    /// Seconds after which the whole process group is killed; nil for no limit.
    public var timeout: Double?
    /// Extra environment variables for the program.
    public var environment: [String: String] = [:]
    public var workingDirectory: String?

    public init(timeout: Double?, environment: [String: String] = [:], workingDirectory: String? = nil) {
        self.timeout = timeout
        self.environment = environment
        self.workingDirectory = workingDirectory
    }

    /// Runs `executable` (a path, or a name looked up in PATH). `onOutput` receives each chunk
    /// of output with the seconds since the start, from either stream, as it arrives.
    public func run(
        _ executable: String,
        arguments: [String] = [],
        onOutput: @escaping @Sendable (OutputStream, [UInt8], Double) -> Void
    ) async -> ProcessOutcome {
        let clock = ContinuousClock()
        let start = clock.now
        let elapsed: @Sendable () -> Double = { Self.seconds(clock.now - start) }
        var options = PlatformOptions()
        options.processGroupID = 0
        let timeout = self.timeout
        let updates = environment.reduce(into: [Environment.Key: String?]()) { result, entry in
            if let key = Environment.Key(rawValue: entry.key) { result[key] = entry.value }
        }
        do {
            let result = try await Subprocess.run(
                executable.contains("/") ? .path(FilePath(executable)) : .name(executable),
                arguments: Arguments(arguments),
                environment: .inherit.updating(updates),
                workingDirectory: workingDirectory.map { FilePath($0) },
                platformOptions: options,
                input: .none,
                output: .sequence,
                error: .sequence
            ) { execution in
                let group = execution.processIdentifier.value
                ChildProcesses.shared.register(group: group)
                defer { ChildProcesses.shared.unregister(group: group) }
                return await withTaskGroup(of: Bool.self) { tasks in
                    tasks.addTask {
                        do {
                            for try await chunk in execution.standardOutput {
                                onOutput(.stdout, chunk.withUnsafeBytes { Array($0) }, elapsed())
                            }
                        } catch {}
                        return false
                    }
                    tasks.addTask {
                        do {
                            for try await chunk in execution.standardError {
                                onOutput(.stderr, chunk.withUnsafeBytes { Array($0) }, elapsed())
                            }
                        } catch {}
                        return false
                    }
                    tasks.addTask {
                        await Self.watch(group: group, timeout: timeout, elapsed: elapsed)
                    }
                    return await tasks.reduce(false) { $0 || $1 }
                }
            }
            let duration = elapsed()
            if result.closureResult, let timeout {
                return ProcessOutcome(termination: .timedOut(seconds: timeout), duration: duration)
            }
            switch result.terminationStatus {
            case .exited(let code): return ProcessOutcome(termination: .exited(code), duration: duration)
            case .signaled(let signal): return ProcessOutcome(termination: .signaled(signal), duration: duration)
            }
        } catch {
            return ProcessOutcome(termination: .failedToStart("\(executable): \(error)"), duration: elapsed())
        }
    }

    /// Waits until the group's leader exits, or the timeout passes, then kills what is left of
    /// the group: children that outlive the leader would otherwise hold the pipes open.
    /// Returns true when it killed the group because the timeout passed.
    private static func watch(group: pid_t, timeout: Double?, elapsed: @Sendable () -> Double) async -> Bool {
        var timedOut = false
        while !hasExited(group) {
            if let timeout, elapsed() >= timeout {
                timedOut = true
                break
            }
            try? await Task.sleep(for: .milliseconds(10))
        }
        kill(-group, SIGKILL)
        return timedOut
    }

    /// Whether a child has exited, without reaping it (the runner's own monitor reaps it).
    private static func hasExited(_ pid: pid_t) -> Bool {
        var info = siginfo_t()
        if waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == -1 {
            return errno == ECHILD
        }
        return info.si_signo == SIGCHLD
    }

    static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
