import CSupport
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// What a reaper has reported so far (see `Sources/CSupport/Reaper.c`).
struct ReaperReport: Sendable {
    /// The program's pid, which also names its session and process group.
    var leader: pid_t?
    /// How the program ended, once it has.
    var termination: Termination?
    /// The program's peak resident memory, in KiB.
    var peakMemoryKiB: Int?
    /// The command lines of the processes killed after the program ended, and how many.
    var killed = LeftoverList()
    /// The bytes the run's own tmpfs held once everything of the run had ended, when it has one.
    var diskUsed: Int?
    /// True once the reaper has killed and reaped everything.
    var done = false
    /// True once the report pipe is closed: the reaper is gone, done or not.
    var closed = false

    mutating func apply(_ line: Substring) {
        let words = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        let number = words.count > 1 ? Int32(words[1]) : nil
        switch words.first {
        case "started": leader = number
        case "exec-failed":
            termination = .failedToStart(String(cString: strerror(number ?? EINVAL)))
        case "exited", "signaled":
            guard let number else { return }
            termination = words[0] == "exited" ? .exited(number) : .signaled(number)
            peakMemoryKiB = words.count > 2 ? Int(words[2]) : nil
        case "killed":
            if words.count > 2 { killed.append(String(words[2])) }
        case "disk-used": diskUsed = words.count > 1 ? Int(words[1]) : nil
        case "done": done = true
        default: break
        }
    }
}

/// A program started under a reaper of its own: a process, forked from the tool, that runs the
/// program in a new session, and when it ends (or ``killEverything()`` is called, or the tool
/// dies) kills and reaps every process it started, even those that left the session.
final class Reaper: Sendable {
    let pid: pid_t
    private let control: Mutex<Int32>
    private let state = Mutex(ReaperReport())
    /// Since when the reaper has been seen stopped, while it is.
    private let stoppedSince = Mutex<Date?>(nil)

    /// The reapers the tool has started and not yet reaped: whatever else the tool finds among
    /// its children was orphaned by a reaper that died.
    private static let running = Mutex<Set<pid_t>>([])

    private init(pid: pid_t, control: Int32) {
        self.pid = pid
        self.control = Mutex(control)
    }

    /// Starts `executable` (a path, or a name looked up in PATH) with its stdout and stderr going
    /// to the given write ends, which the caller still owns. `started` is called with the
    /// program's pid as soon as the reaper reports it, on the thread that reads its reports.
    static func spawn(
        _ executable: String, arguments: [String], environment: [String: String], directory: String?,
        stdout: Int32, stderr: Int32, stdin: Int32 = -1, memoryLimit: Int?, cgroup: (procs: Int32, kill: Int32) = (-1, -1),
        isolation: RunIsolation? = nil, started: (@Sendable (pid_t) -> Void)? = nil
    ) -> Result<Reaper, POSIXError> {
        guard let path = CompilerIdentity.locate(executable) else { return .failure(POSIXError(.ENOENT)) }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        let folder = directory.map { strdup($0) }
        // The limits the reaper and the program apply (RunLimits.c), kept alive through the fork.
        let runFolder = isolation.map { strdup($0.runFolder) }
        let groupProcs = isolation?.memoryCgroupProcs.map { strdup($0) }
        let cpusetProcs = isolation?.cpusetCgroupProcs.map { strdup($0) }
        let limits = UnsafeMutablePointer<tutorial_run_limits>.allocate(capacity: 1)
        limits.initialize(to: tutorial_run_limits(
            private_mounts: isolation?.privateMounts == true ? 1 : 0, run_folder: runFolder.map { UnsafePointer($0!) },
            disk_size: Int64(isolation?.diskSize ?? 0), memory_cgroup_procs: groupProcs.map { UnsafePointer($0!) },
            cpus: Int32(clamping: isolation?.cpus ?? 0), cpuset_cgroup_procs: cpusetProcs.map { UnsafePointer($0!) }))
        defer {
            for pointer in argv + envp { free(pointer) }
            free(folder ?? nil)
            free(runFolder ?? nil)
            free(groupProcs ?? nil)
            free(cpusetProcs ?? nil)
            limits.deallocate()
        }
        var control: Int32 = -1
        var report: Int32 = -1
        let pid = argv.withUnsafeBufferPointer { arguments in
            envp.withUnsafeBufferPointer { variables in
                var request = tutorial_spawn(
                    path: arguments[0], arguments: arguments.baseAddress, environment: variables.baseAddress,
                    directory: folder.map { UnsafePointer($0!) }, stdout_fd: stdout, stderr_fd: stderr,
                    memory_limit: Int64(memoryLimit ?? 0), cgroup_procs_fd: cgroup.procs, cgroup_kill_fd: cgroup.kill,
                    limits: isolation == nil ? nil : UnsafePointer(limits), stdin_fd: stdin)
                return running.withLock { reapers -> pid_t in
                    let pid = tutorial_spawn_reaped(&request, &control, &report)
                    if pid > 0 { reapers.insert(pid) }
                    return pid
                }
            }
        }
        guard pid > 0 else { return .failure(POSIXError(POSIXErrorCode(rawValue: errno) ?? .EAGAIN)) }
        let reaper = Reaper(pid: pid, control: control)
        reaper.startReading(report, started: started)
        return .success(reaper)
    }

    var report: ReaperReport { state.withLock { $0 } }

    /// Makes the reaper kill the program and everything it started, now.
    func killEverything() {
        control.withLock { fd in
            guard fd >= 0 else { return }
            var byte: UInt8 = 0x6B
            // The reaper may have just exited: that must not kill the tool with SIGPIPE.
            _ = tutorial_write_without_sigpipe(fd, &byte, 1)
        }
    }

    /// Resumes the reaper if it is stopped (the program sent it SIGSTOP, say), and kills it,
    /// after everything under it, if it stays stopped for a second (stopped again and again, or
    /// held by a tracer).
    func resumeIfStopped() {
        guard let state = ProcStat(pid: pid)?.state, state == "T" || state == "t" else {
            stoppedSince.withLock { $0 = nil }
            return
        }
        kill(pid, SIGCONT)
        let since = stoppedSince.withLock { since in
            if since == nil { since = Date() }
            return since ?? Date()
        }
        if Date().timeIntervalSince(since) > 1 { killWithEverythingUnder() }
    }

    /// Kills everything under the reaper, round after round until nothing lives there (two
    /// seconds at most), then the reaper: for a reaper that does not answer. Its processes would
    /// otherwise come, alive, to the tool, whose pid they could then use against it.
    func killWithEverythingUnder() {
        let deadline = Date().addingTimeInterval(2)
        var backoff = Backoff(limit: 0.002)
        while true {
            let found = EscapeSweep.descendants(of: pid, notUnder: [])
            for process in found { kill(process, SIGKILL) }
            if found.isEmpty || Date() >= deadline { break }
            backoff.waitHere()
        }
        kill(pid, SIGKILL)
    }

    /// Waits for the reaper to exit (killing it if it has not within `seconds`), and reaps it.
    func finish(within seconds: Double) {
        let deadline = Date().addingTimeInterval(seconds)
        var status: Int32 = 0
        var backoff = Backoff(limit: 0.002)
        while waitpid(pid, &status, WNOHANG) == 0 {
            if Date() >= deadline {
                killWithEverythingUnder()
                _ = waitpid(pid, &status, 0)
                break
            }
            backoff.waitHere()
        }
        control.withLock { fd in
            if fd >= 0 { close(fd) }
            fd = -1
        }
        _ = Self.running.withLock { $0.remove(pid) }
    }

    /// Reads the report lines on a thread of their own until the reaper closes the pipe.
    private func startReading(_ fd: Int32, started: (@Sendable (pid_t) -> Void)?) {
        let thread = Thread { [self] in
            var pending: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
                pending += buffer[0..<count]
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = String(decoding: pending[..<newline], as: UTF8.self)
                    pending.removeSubrange(...newline)
                    let leader = state.withLock { report -> pid_t? in
                        let before = report.leader
                        report.apply(Substring(line))
                        return before == nil ? report.leader : nil
                    }
                    if let leader { started?(leader) }
                }
            }
            close(fd)
            state.withLock { $0.closed = true }
        }
        thread.name = "tutorial-reaper-report"
        thread.start()
    }

    /// Runs `body` while no reaper is being started, with the pids of the running reapers: a
    /// process forked a moment ago still holds copies of the tool's descriptors, and must not be
    /// taken for a process that escaped.
    static func withRunningReapers<T>(_ body: (Set<pid_t>) -> T) -> T {
        running.withLock { body($0) }
    }
}
