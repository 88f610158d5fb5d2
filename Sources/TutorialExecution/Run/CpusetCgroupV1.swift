import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A group of its own for one run in the cgroup v1 cpuset hierarchy, where that controller lives
/// there (hybrid hosts) and the tool may create groups: its `cpuset.cpus` holds for every thread
/// of the run, which cannot widen it with `sched_setaffinity`. The program joins it before it
/// starts (by its `cgroup.procs` path, see `RunLimits.c`).
struct CpusetCgroupV1: Sendable {
    /// The group's folder.
    let path: String

    var procsPath: String { "\(path)/cgroup.procs" }

    /// Creates the group of a run on the cores of `cpus` (a cpuset list), or returns nil where
    /// the v1 cpuset hierarchy is missing or not writable.
    static func create(cpus: String) -> CpusetCgroupV1? {
        guard let base = ownGroup,
              let allCores = read("\(base)/cpuset.cpus"), let memories = read("\(base)/cpuset.mems") else { return nil }
        let parent = "\(base)/tutorial-\(getpid())"
        if mkdir(parent, 0o755) == 0 {
            CgroupMounts.removeStale(in: base)
        } else if errno != EEXIST {
            return nil
        }
        // A new v1 cpuset group has no cores and no memory nodes: a process cannot join it
        // until both are set, in the tool's folder of groups first.
        guard write(allCores, to: "\(parent)/cpuset.cpus"), write(memories, to: "\(parent)/cpuset.mems") else { return nil }
        let path = "\(parent)/run-\(UInt32.random(in: 0...UInt32.max))"
        guard mkdir(path, 0o755) == 0 else { return nil }
        guard write(cpus, to: "\(path)/cpuset.cpus"), write(memories, to: "\(path)/cpuset.mems") else {
            rmdir(path)
            return nil
        }
        return CpusetCgroupV1(path: path)
    }

    /// Removes the group once its processes are gone (the reaper kills them), and the tool's
    /// folder of groups when it is empty.
    func remove() {
        CgroupMounts.removeGroup(path, patience: 0.5)
    }

    /// The tool's own group in the v1 cpuset hierarchy when it is writable, else nil.
    private static let ownGroup = CgroupMounts.ownV1Group(controller: "cpuset", holding: "cpuset.cpus")

    private static func read(_ file: String) -> String? {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    @discardableResult
    private static func write(_ text: String, to file: String) -> Bool {
        CgroupMounts.write(text, to: file)
    }
}
