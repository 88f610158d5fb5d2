import CSupport
import Foundation
import Subprocess
import SystemPackage

/// How a process ended and how long it took.
public struct ProcessOutcome: Hashable, Sendable {
    public var termination: Termination
    public var duration: Double
}

/// Runs a program in a session of its own, streams its output as it arrives, and makes sure no
/// process it started outlives the run.
public struct ProcessRunner: Sendable {
    /// Seconds after which every process of the session is killed; nil for no limit.
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
    /// of output with the seconds since the start, in the order the chunks arrived.
    public func run(
        _ executable: String,
        arguments: [String] = [],
        onOutput: @escaping @Sendable (OutputStream, [UInt8], Double) -> Void
    ) async -> ProcessOutcome {
        let clock = ContinuousClock()
        let start = clock.now
        let elapsed: @Sendable () -> Double = { Self.seconds(clock.now - start) }
        var stdoutPipe: [Int32] = [-1, -1]
        var stderrPipe: [Int32] = [-1, -1]
        guard tutorial_pipe_cloexec(&stdoutPipe) == 0, tutorial_pipe_cloexec(&stderrPipe) == 0 else {
            for fd in stdoutPipe + stderrPipe where fd >= 0 { close(fd) }
            return ProcessOutcome(termination: .failedToStart("cannot create pipes: \(String(cString: strerror(errno)))"), duration: 0)
        }
        let reader: PipeReader
        do {
            reader = try PipeReader(stdout: stdoutPipe[0], stderr: stderrPipe[0])
        } catch {
            for fd in stdoutPipe + stderrPipe { close(fd) }
            return ProcessOutcome(termination: .failedToStart("cannot create pipes"), duration: 0)
        }
        // A session of its own: the program leads it, and every process it starts belongs to it,
        // even those that Foundation's Process puts in process groups of their own.
        var options = PlatformOptions()
        options.createSession = true
        let timeout = self.timeout
        let updates = environment.reduce(into: [Environment.Key: String?]()) { result, entry in
            if let key = Environment.Key(rawValue: entry.key) { result[key] = entry.value }
        }
        // Reading starts before the program does, so that no output waits in a pipe: the order
        // of arrival is the best record of the order of writing across the two streams.
        let reading = Task { await reader.read(elapsed: elapsed, onOutput: onOutput) }
        do {
            let result = try await Subprocess.run(
                executable.contains("/") ? .path(FilePath(executable)) : .name(executable),
                arguments: Arguments(arguments),
                environment: .inherit.updating(updates),
                workingDirectory: workingDirectory.map { FilePath($0) },
                platformOptions: options,
                input: .none,
                output: .fileDescriptor(FileDescriptor(rawValue: stdoutPipe[1]), closeAfterSpawningProcess: true),
                error: .fileDescriptor(FileDescriptor(rawValue: stderrPipe[1]), closeAfterSpawningProcess: true)
            ) { execution in
                let leader = execution.processIdentifier.value
                ChildProcesses.shared.register(session: leader)
                defer { ChildProcesses.shared.unregister(session: leader) }
                let timedOut = await Self.watch(leader: leader, timeout: timeout, elapsed: elapsed)
                // Every process that could hold the pipes is gone: the reader sees their end at
                // once, unless a process escaped the session; then it stops after a grace period.
                await withTaskGroup(of: Void.self) { tasks in
                    tasks.addTask { await reading.value }
                    tasks.addTask { try? await Task.sleep(for: .milliseconds(500)) }
                    await tasks.next()
                    tasks.cancelAll()
                }
                reader.stop()
                return timedOut
            }
            await reading.value
            let duration = elapsed()
            if result.closureResult, let timeout {
                return ProcessOutcome(termination: .timedOut(seconds: timeout), duration: duration)
            }
            switch result.terminationStatus {
            case .exited(let code): return ProcessOutcome(termination: .exited(code), duration: duration)
            case .signaled(let signal): return ProcessOutcome(termination: .signaled(signal), duration: duration)
            }
        } catch {
            reader.stop()
            await reading.value
            return ProcessOutcome(termination: .failedToStart("\(executable): \(error)"), duration: elapsed())
        }
    }

    /// Waits until the session's leader exits, or the timeout passes, then kills every process
    /// left in the session: children that outlive the leader would hold the pipes open.
    /// Returns true when the timeout passed.
    private static func watch(leader: pid_t, timeout: Double?, elapsed: @Sendable () -> Double) async -> Bool {
        var timedOut = false
        while !hasExited(leader) {
            if let timeout, elapsed() >= timeout {
                timedOut = true
                break
            }
            try? await Task.sleep(for: .milliseconds(10))
        }
        ProcessSession.killAll(session: leader)
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
