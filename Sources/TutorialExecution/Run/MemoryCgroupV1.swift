import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A group of its own for one run in the cgroup v1 memory hierarchy, where the memory controller
/// lives there (hybrid hosts) and the tool may create groups: its `memory.limit_in_bytes` holds
/// for every process of the run, shared mappings and tmpfs pages included. The program joins it
/// before it starts (by its `cgroup.procs` path, see `RunLimits.c`).
struct MemoryCgroupV1: Sendable {
    /// The group's folder.
    let path: String

    var procsPath: String { "\(path)/cgroup.procs" }

    /// Creates the group of a run limited to `limit` bytes, or returns nil where the v1 memory
    /// hierarchy is missing or not writable.
    static func create(limit: Int) -> MemoryCgroupV1? {
        guard let base = ownGroup else { return nil }
        let parent = "\(base)/tutorial-\(getpid())"
        if mkdir(parent, 0o755) == 0 {
            CgroupMounts.removeStale(in: base)
        } else if errno != EEXIST {
            return nil
        }
        let path = "\(parent)/run-\(UInt32.random(in: 0...UInt32.max))"
        guard mkdir(path, 0o755) == 0 else { return nil }
        guard write("\(limit)", to: "\(path)/memory.limit_in_bytes") else {
            rmdir(path)
            return nil
        }
        // No swap either, where swap is accounted.
        write("\(limit)", to: "\(path)/memory.memsw.limit_in_bytes")
        return MemoryCgroupV1(path: path)
    }

    /// True when the kernel killed a process of the run at the limit.
    var hitLimit: Bool {
        guard let control = try? String(contentsOfFile: "\(path)/memory.oom_control", encoding: .utf8) else { return false }
        return control.split(separator: "\n").contains { line in
            line.hasPrefix("oom_kill ") && Int(line.split(separator: " ").last ?? "") ?? 0 > 0
        }
    }

    /// Removes the group once its processes are gone (the reaper kills them), and the tool's
    /// folder of groups when it is empty.
    func remove() {
        CgroupMounts.removeGroup(path, patience: 0.5)
    }

    /// The tool's own group in the v1 memory hierarchy when it is writable, else nil.
    private static let ownGroup = CgroupMounts.ownV1Group(controller: "memory", holding: "memory.limit_in_bytes")

    @discardableResult
    private static func write(_ text: String, to file: String) -> Bool {
        CgroupMounts.write(text, to: file)
    }
}
