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

    package init(memoryLimit: Int?, memory: Memory, diskLimit: Int?, disk: Disk) {
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
    /// `diskUsed` is what the reaper saw on the run's tmpfs at the end, for a run that ended
    /// before the tool could open its folder.
    func finalCheck(diskUsed: Int? = nil) -> Termination? {
        if let memoryLimit {
            switch memory {
            case .cgroup(let group) where group.hitMemoryLimit: return .exceededMemoryLimit(bytes: memoryLimit, by: .cgroup)
            case .cgroupV1(let group) where group.hitLimit: return .exceededMemoryLimit(bytes: memoryLimit, by: .cgroupV1)
            default: break
            }
        }
        if let diskLimit, case .tmpfs = disk, diskFolder < 0, let diskUsed {
            return diskUsed > diskLimit ? .exceededDiskLimit(bytes: diskLimit, by: .tmpfs) : nil
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
