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
    /// Called every few milliseconds with the seconds since the start: returns the limit the run
    /// has exceeded (and every process of the session is killed), or nil to let it go on.
    public var timeLimit: @Sendable (Double) -> Double?
    /// Extra environment variables for the program.
    public var environment: [String: String] = [:]
    public var workingDirectory: String?

    /// A runner whose programs are killed after `timeout` seconds (never, for nil).
    public init(timeout: Double?, environment: [String: String] = [:], workingDirectory: String? = nil) {
        self.init(timeLimit: { elapsed in timeout.flatMap { elapsed >= $0 ? $0 : nil } },
                  environment: environment, workingDirectory: workingDirectory)
    }

    public init(timeLimit: @escaping @Sendable (Double) -> Double?, environment: [String: String] = [:], workingDirectory: String? = nil) {
        self.timeLimit = timeLimit
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
        let timeLimit = self.timeLimit
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
                let exceeded = await Self.watch(leader: leader, timeLimit: timeLimit, elapsed: elapsed)
                // Every process that could hold the pipes is gone: the reader sees their end at
                // once, unless a process escaped the session; then it stops after a grace period.
                await withTaskGroup(of: Void.self) { tasks in
                    tasks.addTask { await reading.value }
                    tasks.addTask { try? await Task.sleep(for: .milliseconds(500)) }
                    await tasks.next()
                    tasks.cancelAll()
                }
                reader.stop()
                return exceeded
            }
            await reading.value
            let duration = elapsed()
            if let limit = result.closureResult {
                return ProcessOutcome(termination: .timedOut(seconds: limit), duration: duration)
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

    /// Waits until the session's leader exits, or a time limit passes, then kills every process
    /// left in the session: children that outlive the leader would hold the pipes open.
    /// Returns the limit that was exceeded, if one was.
    private static func watch(
        leader: pid_t, timeLimit: @Sendable (Double) -> Double?, elapsed: @Sendable () -> Double
    ) async -> Double? {
        var exceeded: Double?
        while !hasExited(leader) {
            if let limit = timeLimit(elapsed()) {
                exceeded = limit
                break
            }
            try? await Task.sleep(for: .milliseconds(10))
        }
        ProcessSession.killAll(session: leader)
        return exceeded
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
