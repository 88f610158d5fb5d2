import CSupport
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Watches a run's memory and disk while it goes on, and says when it went past a limit: the
/// run is then killed whole. Where the kernel holds a limit (a cgroup's memory limit, the run's
/// own tmpfs) the watch only notices it was reached (an OOM kill, a full disk); elsewhere it
/// polls what the run uses (the sum of its processes' `Pss`, the size of its scratch folder).
final class LimitWatch {
    /// How the memory limit is held.
    enum Memory {
        case none
        case cgroup(RunCgroup)
        case cgroupV1(MemoryCgroupV1)
        case polled
    }

    /// How the disk limit is held.
    enum Disk {
        case none
        /// The run folder (at that path in the reaper's mount namespace) is a tmpfs.
        case tmpfs(runFolder: String)
        /// The run folder's files are summed.
        case polled(runFolder: String)
    }

    let memoryLimit: Int?
    let memory: Memory
    let diskLimit: Int?
    let disk: Disk
    /// A descriptor of the run's tmpfs, opened once the run started: it keeps the tmpfs readable
    /// after the run's namespace is gone.
    private var diskFolder: Int32 = -1
    private var lastMemoryCheck = -Double.infinity
    private var lastDiskCheck = -Double.infinity

    /// Seconds between two polls of memory and of disk.
    static let memoryInterval = 0.02
    /// At least; a folder that takes long to walk is walked less often (10% of the time at most).
    static let diskInterval = 0.02
    /// How long the last poll of each took.
    private var diskWalk = 0.0
    private var memoryPoll = 0.0
    /// A tmpfs's usage costs one system call: it is looked at on every turn of the watch.
    static let tmpfsInterval = 0.0

    init(memoryLimit: Int?, memory: Memory, diskLimit: Int?, disk: Disk) {
        self.memoryLimit = memoryLimit
        self.memory = memory
        self.diskLimit = diskLimit
        self.disk = disk
    }

    deinit {
        if diskFolder >= 0 { close(diskFolder) }
    }

    /// How the memory limit is held, as the page names it; nil without a limit.
    var memoryEnforcement: LimitEnforcement? {
        guard memoryLimit != nil else { return nil }
        switch memory {
        case .none: return nil
        case .cgroup: return .cgroup
        case .cgroupV1: return .cgroupV1
        case .polled: return .polledMemory
        }
    }

    var diskEnforcement: LimitEnforcement? {
        guard diskLimit != nil else { return nil }
        switch disk {
        case .none: return nil
        case .tmpfs: return .tmpfs
        case .polled: return .polledDisk
        }
    }

    /// Called every few milliseconds while the run goes on, with the reaper's pid and the
    /// seconds since the start: the limit the run went past, if it did.
    func check(reaper: pid_t, started: Bool, at elapsed: Double) -> Termination? {
        if started, diskFolder < 0, case .tmpfs(let runFolder) = disk {
            diskFolder = open("/proc/\(reaper)/root\(runFolder)", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        }
        if elapsed - lastMemoryCheck >= max(Self.memoryInterval, 4 * memoryPoll) {
            lastMemoryCheck = elapsed
            var exceeded: Termination?
            memoryPoll = ProcessRunner.seconds(ContinuousClock().measure { exceeded = memoryExceeded(reaper: reaper) })
            if let exceeded { return exceeded }
        }
        let diskInterval = if case .tmpfs = disk { Self.tmpfsInterval } else { max(Self.diskInterval, 10 * diskWalk) }
        if elapsed - lastDiskCheck >= diskInterval {
            lastDiskCheck = elapsed
            var exceeded: Termination?
            diskWalk = ProcessRunner.seconds(ContinuousClock().measure { exceeded = diskExceeded(reaper: reaper) })
            if let exceeded { return exceeded }
        }
        return nil
    }

    /// Once the program has ended: the limit it went past, if the kernel held it there (an OOM
    /// kill, a full tmpfs) or it is past it now.
    func finalCheck() -> Termination? {
        if let memoryLimit {
            switch memory {
            case .cgroup(let group) where group.hitMemoryLimit: return .exceededMemoryLimit(bytes: memoryLimit, by: .cgroup)
            case .cgroupV1(let group) where group.hitLimit: return .exceededMemoryLimit(bytes: memoryLimit, by: .cgroupV1)
            default: break
            }
        }
        return diskExceeded(reaper: nil)
    }

    private func memoryExceeded(reaper: pid_t) -> Termination? {
        guard let memoryLimit else { return nil }
        switch memory {
        case .none: return nil
        case .cgroup(let group) where group.hitMemoryLimit: return .exceededMemoryLimit(bytes: memoryLimit, by: .cgroup)
        case .cgroupV1(let group) where group.hitLimit: return .exceededMemoryLimit(bytes: memoryLimit, by: .cgroupV1)
        default:
            // Polled under a cgroup too: a program that could leave its cgroup, or raise its
            // limit (a delegated hierarchy it owns), is still a descendant of its reaper. The
            // shared libraries its processes map count in Pss, not in the cgroup: under one, only
            // a clear excess is an escape.
            let margin = if case .polled = memory { 0 } else { max(64 << 20, memoryLimit / 8) }
            let used = RunProcesses.descendants(of: reaper).reduce(0) { $0 + (RunProcesses.pssBytes(of: $1) ?? 0) }
            return used > memoryLimit + margin ? .exceededMemoryLimit(bytes: memoryLimit, by: .polledMemory) : nil
        }
    }

    /// Whether the run's files take more than the limit; those of `reaper`'s descendants that
    /// no folder names any more (unlinked, still open) count too.
    private func diskExceeded(reaper: pid_t?) -> Termination? {
        guard let diskLimit else { return nil }
        switch disk {
        case .none: return nil
        case .tmpfs:
            guard diskFolder >= 0 else { return nil }
            let used = Int(tutorial_used_bytes(diskFolder))
            return used > diskLimit ? .exceededDiskLimit(bytes: diskLimit, by: .tmpfs) : nil
        case .polled(let runFolder):
            let unlinked = reaper.map { RunProcesses.unlinkedBytes(of: RunProcesses.descendants(of: $0), under: runFolder) } ?? 0
            return RunProcesses.allocatedBytes(under: runFolder) + unlinked > diskLimit ? .exceededDiskLimit(bytes: diskLimit, by: .polledDisk) : nil
        }
    }
}

/// What the polled limits measure: a run's processes, their memory, its files.
enum RunProcesses {
    /// The live processes descended from `ancestor` (the run's reaper, a child subreaper: every
    /// process the run starts stays its descendant), without it.
    static func descendants(of ancestor: pid_t) -> [pid_t] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        var children: [pid_t: [pid_t]] = [:]
        for entry in entries {
            guard let pid = pid_t(entry),
                  let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 1, fields[0] != "Z", fields[0] != "X", let parent = pid_t(fields[1]) else { continue }
            children[parent, default: []].append(pid)
        }
        var found: [pid_t] = []
        var pending = children[ancestor] ?? []
        while let pid = pending.popLast() {
            found.append(pid)
            pending += children[pid] ?? []
        }
        return found
    }

    /// The proportional set size of `pid`, in bytes: its private memory and its share of the
    /// memory it shares, so that the sum over processes counts each page once.
    static func pssBytes(of pid: pid_t) -> Int? {
        guard let rollup = try? String(contentsOfFile: "/proc/\(pid)/smaps_rollup", encoding: .utf8) else { return nil }
        for line in rollup.split(separator: "\n") where line.hasPrefix("Pss:") {
            return line.split(separator: " ").dropFirst().first.flatMap { Int($0) }.map { $0 * 1024 }
        }
        return nil
    }

    /// The bytes allocated to the files under `folder` that `processes` hold open after they
    /// were unlinked.
    static func unlinkedBytes(of processes: [pid_t], under folder: String) -> Int {
        var seen = Set<String>()
        var total = 0
        for pid in processes {
            guard let fds = try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd") else { continue }
            for fd in fds {
                let link = "/proc/\(pid)/fd/\(fd)"
                guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: link),
                      target.hasPrefix(folder + "/"), target.hasSuffix(" (deleted)") else { continue }
                var info = stat()
                guard stat(link, &info) == 0, seen.insert("\(info.st_dev):\(info.st_ino)").inserted else { continue }
                total += Int(info.st_blocks) * 512
            }
        }
        return total
    }

    /// The bytes allocated to the files under `folder` (links not followed).
    static func allocatedBytes(under folder: String) -> Int {
        var total = 0
        var pending = [folder]
        while let current = pending.popLast() {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: current) else { continue }
            for name in names {
                let path = "\(current)/\(name)"
                var info = stat()
                guard lstat(path, &info) == 0 else { continue }
                total += Int(info.st_blocks) * 512
                if info.st_mode & S_IFMT == S_IFDIR { pending.append(path) }
            }
        }
        return total
    }
}
