import CSupport
import Foundation

/// How a process ended and how long it took.
struct ProcessOutcome: Hashable, Sendable {
    var termination: Termination
    var duration: Double
    /// The command lines of the processes still alive when the program ended, which were killed
    /// then (not those killed at a time limit): the first ``LeftoverList/kept`` of them.
    var outlived: [String] = []
    /// How many processes were killed so: every one, even past the lines kept.
    var outlivedCount = 0
    /// The program's peak resident memory, in KiB, when known.
    var peakMemoryKiB: Int?
    /// True when the run's cgroup saw a process killed at the memory limit.
    var hitMemoryLimit = false
    /// The memory or disk limit the run went past (it was killed then), if any.
    var exceededLimit: Termination?
    /// How the memory limit was held; nil without one, or when only `RLIMIT_DATA` held it.
    var memoryEnforcement: LimitEnforcement?
}

/// Runs a program in a session of its own under a reaper, streams its output as it arrives, and
/// makes sure no process it started outlives the run, whatever its session.
struct ProcessRunner: Sendable {
    /// Called every few milliseconds with the seconds since the start: returns the limit the run
    /// has exceeded (and every process it started is killed), or nil to let it go on.
    var timeLimit: @Sendable (Double) -> Double?
    /// Extra environment variables for the program.
    var environment: [String: String] = [:]
    var workingDirectory: String?
    /// Bytes the run may use, all its processes together (see ``RunLimits``); nil for no limit.
    var memoryLimit: Int?
    /// False to go without `RLIMIT_DATA` where no cgroup holds the memory limit (ThreadSanitizer
    /// maps terabytes of shadow memory, which RLIMIT_DATA refuses): the polled limit still holds.
    var perProcessDataLimit = true
    /// Bytes the run may write into its scratch and temporary folders; nil for no limit.
    var diskLimit: Int?
    /// The run's scratch folder (holding `work`, its working folder, and `crash-reports`), which
    /// the disk limit covers; nil for a run without one.
    var runFolder: String?
    /// A folder in which the run is recorded while it goes on (see ``RunningRecords``).
    var recordFolder: String?
    /// True to get stdout and stderr as one ordered stream (``DatagramReader``): writes to the
    /// two keep their order. False for two pipes, whose order across the streams is that of
    /// arrival only.
    var orderedOutput = false
    /// False to make the ordered output's sockets with the system's queue of datagrams, even
    /// where the tool may make them a longer one (see ``DatagramReader``).
    var privateOutputQueue = true
    /// The bytes the program reads from its standard input; nil for none (`/dev/null`).
    var standardInput: [UInt8]?
    /// How many of the tool's cores the run may use; nil for all (see ``RunLimits``).
    var cpus: Int?

    /// Seconds the output pipes are still read once every process of the run is gone: a process
    /// that escaped may hold them, and is killed meanwhile.
    static let drainGrace = 0.25

    /// A runner whose programs are killed after `timeout` seconds (never, for nil).
    package init(timeout: Double?, environment: [String: String] = [:], workingDirectory: String? = nil) {
        self.init(timeLimit: { elapsed in timeout.flatMap { elapsed >= $0 ? $0 : nil } },
                  environment: environment, workingDirectory: workingDirectory)
    }

    package init(
        timeLimit: @escaping @Sendable (Double) -> Double?, environment: [String: String] = [:],
        workingDirectory: String? = nil, memoryLimit: Int? = nil
    ) {
        self.timeLimit = timeLimit
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.memoryLimit = memoryLimit
    }

    /// Runs `executable` (a path, or a name looked up in PATH). `onOutput` receives each chunk
    /// of output with the seconds since the start, in the order the chunks arrived.
    func run(
        _ executable: String,
        arguments: [String] = [],
        onOutput: @escaping @Sendable (OutputChannel, [UInt8], Double) -> Void
    ) async -> ProcessOutcome {
        let clock = ContinuousClock()
        let start = clock.now
        let elapsed: @Sendable () -> Double = { Self.seconds(clock.now - start) }
        let input = standardInput.map { bytes in bytes.withUnsafeBytes { tutorial_input_file($0.baseAddress, UInt($0.count)) } } ?? -1
        if standardInput != nil && input < 0 {
            return ProcessOutcome(termination: .failedToStart("cannot hold its standard input: \(String(cString: strerror(errno)))"), duration: 0)
        }
        let channels: OutputChannels
        switch OutputChannels.make(ordered: orderedOutput, privateQueue: privateOutputQueue) {
        case .success(let made): channels = made
        case .failure(let failure):
            if input >= 0 { close(input) }
            return ProcessOutcome(termination: .failedToStart(failure.reason), duration: 0)
        }
        let reader = channels.reader
        let inodes = channels.names
        // Reading starts before the program does, so that no output waits: each line is timed
        // when it arrives.
        let reading = reader.start(elapsed: elapsed, onOutput: onOutput)
        let environment = ProcessInfo.processInfo.environment.merging(self.environment) { $1 }
        // A cgroup of its own where the tool may create one, cgroup.kill kills whatever joined it;
        // the memory and disk limits are held the firmest way this machine allows.
        let limits = RunLimits(memoryLimit: memoryLimit, diskLimit: diskLimit, runFolder: runFolder, cpus: cpus)
        let cgroup = limits.cgroup
        let descriptors = cgroup?.descriptors() ?? (-1, -1)
        let spawned = Reaper.spawn(
            executable, arguments: arguments, environment: environment.merging(limits.environment) { $1 },
            directory: workingDirectory, stdout: channels.stdout, stderr: channels.stderr, stdin: input,
            memoryLimit: perProcessDataLimit ? limits.dataLimit : nil, cgroup: descriptors, isolation: limits.isolation,
            started: { [recordFolder] leader in
                // Recorded at once, whatever the watch is doing: if the tool dies from here on,
                // the next build finds what the run left.
                if let recordFolder { RunningRecords.add(in: recordFolder, leader: leader, pipes: inodes) }
            })
        for fd in [channels.stdout, channels.stderr, descriptors.0, descriptors.1, input] where fd >= 0 { close(fd) }
        defer { limits.remove() }
        guard case .success(let reaper) = spawned else {
            reader.stop()
            await reading.wait()
            if case .failure(let error) = spawned {
                let reason = String(cString: strerror(error.code.rawValue))
                return ProcessOutcome(termination: .failedToStart("\(executable): \(reason)"), duration: elapsed())
            }
            return ProcessOutcome(termination: .failedToStart(executable), duration: elapsed())
        }
        ChildProcesses.shared.register(reaper)
        let watch = limits.watch()
        let (exceeded, ended, overLimit) = await self.watch(reaper, elapsed: elapsed, inodes: inodes, limits: watch)
        let exceededLimit = overLimit ?? watch.finalCheck(diskUsed: reaper.report.diskUsed)
        var report = reaper.report
        var outlived = exceeded == nil && overLimit == nil ? report.killed : LeftoverList()
        // The reaper has killed everything it could see; the pipes reach their end at once,
        // unless a process it could not see holds them.
        var adopted: Termination?
        if !report.done, let leader = report.leader {
            // The reaper died (the program killed it): its orphans, the program among them,
            // came to the tool, which is a subreaper too.
            ProcessSession.killAll(session: leader)
            adopted = Self.reapAdopted(leader)
        }
        let drained = await Self.finished(reader, within: 0.05)
        // The run is over once the reaper is done and nothing else holds the output, or once a
        // sweep proves that nothing is left; until then its record stays, for the next build.
        var provenEmpty = report.done
        if !report.done || !drained {
            let swept = EscapeSweep(holding: inodes, orphans: !report.done).run()
            outlived.append(contentsOf: swept.killed)
            provenEmpty = swept.provenEmpty
        }
        if !(await Self.finished(reader, within: Self.drainGrace)) { reader.stop() }
        await reading.wait()
        ChildProcesses.shared.unregister(reaper)
        if let recordFolder, let leader = report.leader, provenEmpty { RunningRecords.remove(in: recordFolder, leader: leader) }
        report = reaper.report
        var termination = report.termination ?? adopted ?? .failedToStart("its supervising process was killed")
        if case .failedToStart(let reason) = report.termination { termination = .failedToStart("\(executable): \(reason)") }
        if let exceeded { termination = .timedOut(seconds: exceeded) }
        return ProcessOutcome(
            termination: termination, duration: ended, outlived: outlived.lines, outlivedCount: outlived.count,
            peakMemoryKiB: report.peakMemoryKiB,
            hitMemoryLimit: cgroup?.hitMemoryLimit ?? false, exceededLimit: exceededLimit,
            memoryEnforcement: watch.memoryEnforcement)
    }

    /// Waits until the program ends, or a time limit passes or the memory or disk limit is
    /// exceeded (and has everything killed), then for the reaper to finish killing what is left.
    /// Returns the time limit that was exceeded, if one was, the seconds the program ran, and
    /// the memory or disk limit it went past.
    private func watch(
        _ reaper: Reaper, elapsed: @Sendable () -> Double, inodes: Set<String>, limits: LimitWatch
    ) async -> (exceeded: Double?, ended: Double, overLimit: Termination?) {
        var exceeded: Double?
        var overLimit: Termination?
        var killedAt: Double?
        var nextCheck = 0.0
        var backoff = Backoff(limit: 0.005)
        while reaper.report.termination == nil && !reaper.report.closed {
            if exceeded == nil, overLimit == nil, let limit = timeLimit(elapsed()) {
                exceeded = limit
                killedAt = elapsed()
                reaper.killEverything()
            }
            if exceeded == nil, overLimit == nil,
               let over = limits.check(reaper: reaper.pid, started: reaper.report.leader != nil, at: elapsed()) {
                overLimit = over
                killedAt = elapsed()
                reaper.killEverything()
            }
            // A reaper that does not answer at the time limit is killed, after everything under it.
            if let killedAt, elapsed() - killedAt > 2 { reaper.killWithEverythingUnder() }
            // A reaper the program stopped (SIGSTOP) is resumed, or killed if it stays stopped.
            if elapsed() >= nextCheck {
                reaper.resumeIfStopped()
                nextCheck = elapsed() + 0.05
            }
            await backoff.wait()
        }
        let ended = elapsed()
        // Killing and reaping what is left takes milliseconds; a reaper stuck for long is killed.
        let deadline = ended + 5
        var closing = Backoff(limit: 0.002)
        while !reaper.report.closed && elapsed() < deadline {
            reaper.resumeIfStopped()
            await closing.wait()
        }
        reaper.finish(within: 1)
        return (exceeded, ended, overLimit)
    }

    /// How `pid`, a program re-parented to the tool, ended; nil when it is not the tool's child.
    private static func reapAdopted(_ pid: pid_t) -> Termination? {
        var status: Int32 = 0
        for _ in 0..<200 {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped < 0 { return nil }
            if reaped == pid {
                let signal = status & 0x7f
                return signal == 0 ? .exited((status >> 8) & 0xff) : .signaled(signal)
            }
            usleep(1_000)
        }
        return nil
    }

    /// Whether the reader reaches the end of both pipes within `seconds`.
    private static func finished(_ reader: any OutputReader, within seconds: Double) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while !reader.reachedEnd() {
            if Date() >= deadline { return false }
            try? await Task.sleep(for: .milliseconds(2))
        }
        return true
    }

    static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
