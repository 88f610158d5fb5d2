import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A cgroup (v2) of its own for one run, where the tool may create cgroups: the program joins it
/// before it starts, `cgroup.kill` kills every process in it at once, and `memory.max` bounds
/// its memory where the memory controller is delegated. Where cgroups are not writable (a
/// read-only cgroup2 mount, cgroup v1, no delegation), runs go without one: the reaper and
/// `RLIMIT_DATA` do the same work.
struct RunCgroup: Sendable {
    /// The run's cgroup folder.
    let path: String
    /// True when `memory.max` holds the run's memory limit.
    let limitsMemory: Bool
    /// True when `cpuset.cpus` holds the run's cores.
    var limitsCpus = false

    /// Creates the cgroup of a run, or returns nil where cgroups are not writable. `cpus`, a
    /// cpuset list, goes into `cpuset.cpus` where the cpuset controller can be delegated.
    static func create(memoryLimit: Int?, cpus: String? = nil) -> RunCgroup? {
        guard let base = ownCgroup else { return nil }
        let parent = "\(base)/tutorial-\(getpid())"
        if mkdir(parent, 0o755) == 0 {
            CgroupMounts.removeStale(in: base)
            // Children get a memory controller when the hierarchy lets the tool delegate it.
            write("+memory", to: "\(base)/cgroup.subtree_control")
            write("+memory", to: "\(parent)/cgroup.subtree_control")
        } else if errno != EEXIST {
            return nil
        }
        // The cpuset controller only for runs on fewer cores.
        if cpus != nil {
            write("+cpuset", to: "\(base)/cgroup.subtree_control")
            write("+cpuset", to: "\(parent)/cgroup.subtree_control")
        }
        let path = "\(parent)/run-\(UInt32.random(in: 0...UInt32.max))"
        guard mkdir(path, 0o755) == 0 else { return nil }
        // cgroup.kill came with Linux 5.14: without it, a cgroup adds nothing to the reaper.
        guard FileManager.default.fileExists(atPath: "\(path)/cgroup.kill") else {
            rmdir(path)
            return nil
        }
        var limitsMemory = false
        if let memoryLimit, FileManager.default.fileExists(atPath: "\(path)/memory.max") {
            limitsMemory = write("\(memoryLimit)", to: "\(path)/memory.max")
            write("0", to: "\(path)/memory.swap.max")
        }
        var group = RunCgroup(path: path, limitsMemory: limitsMemory)
        if let cpus, FileManager.default.fileExists(atPath: "\(path)/cpuset.cpus") {
            group.limitsCpus = write(cpus, to: "\(path)/cpuset.cpus")
        }
        return group
    }

    /// Opens `cgroup.procs` (the program writes itself into it) and `cgroup.kill`, for the reaper.
    func descriptors() -> (procs: Int32, kill: Int32) {
        (open("\(path)/cgroup.procs", O_WRONLY | O_CLOEXEC), open("\(path)/cgroup.kill", O_WRONLY | O_CLOEXEC))
    }

    /// True when the kernel killed a process of the run at its memory limit.
    var hitMemoryLimit: Bool {
        guard limitsMemory, let events = try? String(contentsOfFile: "\(path)/memory.events", encoding: .utf8) else { return false }
        return events.split(separator: "\n").contains { line in
            line.hasPrefix("oom_kill ") && Int(line.split(separator: " ").last ?? "") ?? 0 > 0
        }
    }

    /// Kills whatever is left in the cgroup and removes it (and the tool's folder of cgroups
    /// when it is empty).
    func remove() {
        write("1", to: "\(path)/cgroup.kill")
        CgroupMounts.removeGroup(path, patience: 0.2)
    }

    /// The tool's own cgroup folder when it is on a writable cgroup2 mount, else nil.
    private static let ownCgroup: String? = {
        guard let membership = try? String(contentsOfFile: "/proc/self/cgroup", encoding: .utf8),
              let line = membership.split(separator: "\n").first(where: { $0.hasPrefix("0::") }) else { return nil }
        return CgroupMounts.ownFolder(
            relative: String(line.dropFirst(3)), isHierarchy: { $0.hasPrefix("cgroup2 ") },
            usable: { access("\($0)/cgroup.procs", W_OK) == 0 })
    }()

    @discardableResult
    private static func write(_ text: String, to file: String) -> Bool {
        CgroupMounts.write(text, to: file)
    }

    private func write(_ text: String, to file: String) {
        Self.write(text, to: file)
    }
}
