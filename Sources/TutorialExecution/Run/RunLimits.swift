import CSupport
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// How one run's memory and disk limits are held, the firmest way the machine allows.
///
/// - Memory (all the run's processes together, shared mappings and tmpfs pages included): the
///   run's cgroup v2 `memory.max` where the memory controller is delegated; else a group of the
///   cgroup v1 memory hierarchy (`memory.limit_in_bytes`) where that one is writable; else the
///   tool polls the sum of the `Pss` of the run's processes and kills the run past the limit
///   (each process also gets `RLIMIT_DATA`).
/// - Disk: where the tool may make mount namespaces (as root), the run gets one of its own in
///   which its scratch folder, /tmp, /var/tmp and /dev/shm are one tmpfs of the limit's size, the
///   cgroup hierarchies are hidden, and the program lacks the capabilities that would undo any of
///   it; else `TMPDIR` points into the run's folder and the tool polls the folder's size.
///
/// `TUTORIAL_POLLED_LIMITS=1` makes runs use the polled ways whatever the machine allows (to
/// test them).
struct RunLimits {
    let memoryLimit: Int?
    let diskLimit: Int?
    /// The run's cgroup (v2), for `cgroup.kill` and, where delegated, `memory.max`.
    let cgroup: RunCgroup?
    let memoryGroup: MemoryCgroupV1?
    /// The run's group in the cgroup v1 cpuset hierarchy, where cores are limited and the v2
    /// cgroup cannot hold them.
    let cpusetGroup: CpusetCgroupV1?
    /// What the reaper and the program apply before it starts.
    let isolation: RunIsolation?
    /// Variables added to the program's environment.
    let environment: [String: String]
    private let disk: LimitWatch.Disk

    /// Bytes left over the disk limit in the run's tmpfs: a run that fills it went past the limit.
    static let diskSlack = 1 << 20

    /// `cpus`, if given, narrows the run to that many of the tool's cores: the reaper's affinity,
    /// a cpuset (v2 where delegated, else v1 where writable) so that the program cannot widen it,
    /// and, with private mounts, the cores the program sees in /sys.
    package init(memoryLimit: Int?, diskLimit: Int?, runFolder: String?, cpus: Int? = nil) {
        self.memoryLimit = memoryLimit
        self.diskLimit = diskLimit
        let polled = ProcessInfo.processInfo.environment["TUTORIAL_POLLED_LIMITS"] == "1"
        let cores = cpus.flatMap(Self.coreList)
        cgroup = RunCgroup.create(memoryLimit: polled ? nil : memoryLimit, cpus: cores)
        memoryGroup = polled || cgroup?.limitsMemory == true ? nil : memoryLimit.flatMap(MemoryCgroupV1.create)
        cpusetGroup = cgroup?.limitsCpus == true ? nil : cores.flatMap(CpusetCgroupV1.create)
        let mounts = !polled && diskLimit != nil && runFolder != nil && Self.privateMountsWork
        if let runFolder, let diskLimit {
            disk = mounts ? .tmpfs(runFolder: runFolder) : .polled(runFolder: runFolder)
        } else {
            disk = .none
        }
        if mounts || memoryGroup != nil || cores != nil {
            isolation = RunIsolation(
                privateMounts: mounts, runFolder: runFolder ?? "", diskSize: (diskLimit ?? 0) + Self.diskSlack,
                memoryCgroupProcs: memoryGroup?.procsPath, cpus: cpus ?? 0, cpusetCgroupProcs: cpusetGroup?.procsPath)
        } else {
            isolation = nil
        }
        // Without a tmpfs of its own, the run's temporary files go into its folder, where they count.
        if !mounts, diskLimit != nil, let runFolder {
            let temporary = "\(runFolder)/tmp"
            mkdir(temporary, 0o1777)
            environment = ["TMPDIR": temporary]
        } else {
            environment = [:]
        }
    }

    /// The per-process `RLIMIT_DATA`, where no cgroup holds the memory limit.
    var dataLimit: Int? {
        cgroup?.limitsMemory == true || memoryGroup != nil ? nil : memoryLimit
    }

    /// A watch over the run, which says when it went past a limit.
    func watch() -> LimitWatch {
        let memory: LimitWatch.Memory =
            if let cgroup, cgroup.limitsMemory { .cgroup(cgroup) }
            else if let memoryGroup { .cgroupV1(memoryGroup) }
            else if memoryLimit != nil { .polled }
            else { .none }
        return LimitWatch(memoryLimit: memoryLimit, memory: memory, diskLimit: diskLimit, disk: disk)
    }

    /// Removes the run's cgroups.
    func remove() {
        cgroup?.remove()
        memoryGroup?.remove()
        cpusetGroup?.remove()
    }

    /// How many cores the tool's affinity holds.
    static var usableCores: Int {
        var list = [CChar](repeating: 0, count: 4096)
        return max(Int(tutorial_first_cpus(Int32.max, &list, UInt(list.count))), 1)
    }

    /// The first `count` cores of the tool's affinity as a cpuset list ("0", "0-1"), or nil.
    static func coreList(_ count: Int) -> String? {
        var list = [CChar](repeating: 0, count: 4096)
        guard count > 0, tutorial_first_cpus(Int32(clamping: count), &list, UInt(list.count)) > 0 else { return nil }
        return String(cString: list)
    }

    /// True where the tool may give runs mount namespaces of their own (it runs as root, or
    /// with the capabilities to).
    static let privateMountsWork: Bool = tutorial_run_limits_probe() == 1
}

/// What ``RunLimits`` asks the reaper and the program to apply before the program starts (see
/// `Sources/CSupport/RunLimits.c`).
struct RunIsolation: Sendable {
    var privateMounts: Bool
    var runFolder: String
    var diskSize: Int
    var memoryCgroupProcs: String?
    /// How many of the tool's cores the run may use (and its programs see); 0 for all.
    var cpus = 0
    /// The `cgroup.procs` of the cgroup v1 cpuset group the program joins, if any.
    var cpusetCgroupProcs: String?
}
