import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// What the run cgroups of both hierarchies (cgroup2's `RunCgroup`, cgroup v1's `MemoryCgroupV1`
/// and `CpusetCgroupV1`) share: finding the tool's own group on a writable mount, and removing
/// the groups that tools killed before they could remove them left behind.
enum CgroupMounts {
    /// The folder of the tool's own group on a writable mount that `isHierarchy` accepts (given
    /// the part of a mountinfo line after " - ": FSTYPE SOURCE SUPEROPTIONS), where `usable`
    /// holds; `relative` is the group's path as `/proc/self/cgroup` gives it.
    static func ownFolder(relative: String, isHierarchy: (Substring) -> Bool, usable: (String) -> Bool) -> String? {
        guard let mounts = try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8) else { return nil }
        // mountinfo: ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS ... - FSTYPE SOURCE SUPEROPTIONS
        for mount in mounts.split(separator: "\n") {
            let halves = mount.components(separatedBy: " - ")
            let fields = halves[0].split(separator: " ")
            guard halves.count == 2, isHierarchy(Substring(halves[1])), fields.count > 5,
                  fields[5].split(separator: ",").contains("rw") else { continue }
            let root = String(fields[3])
            guard relative.hasPrefix(root) else { continue }
            let folder = String(fields[4]) + String(relative.dropFirst(root == "/" ? 0 : root.count))
            let cleaned = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
            if access(cleaned, W_OK) == 0 && usable(cleaned) { return cleaned }
        }
        return nil
    }

    /// Removes the empty groups (`tutorial-PID/run-N`) of tools that are gone. A group that still
    /// holds processes stays: the running records deal with those.
    static func removeStale(in base: String) {
        for name in GoneToolFolders.names(in: base, prefix: "tutorial-") {
            let folder = "\(base)/\(name)"
            for run in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where run.hasPrefix("run-") {
                rmdir("\(folder)/\(run)")
            }
            rmdir(folder)
        }
    }

    /// The tool's own group in the cgroup v1 hierarchy of `controller` (`memory`, `cpuset`) when
    /// it is writable and holds `file`, else nil.
    static func ownV1Group(controller: String, holding file: String) -> String? {
        guard let membership = try? String(contentsOfFile: "/proc/self/cgroup", encoding: .utf8),
              let line = membership.split(separator: "\n").first(where: {
                  $0.split(separator: ":", maxSplits: 2).dropFirst().first?.split(separator: ",").contains(Substring(controller)) == true
              }) else { return nil }
        return ownFolder(
            relative: String(line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).last ?? ""),
            isHierarchy: { $0.hasPrefix("cgroup ") && $0.split(separator: " ").last?.split(separator: ",").contains(Substring(controller)) == true },
            usable: { FileManager.default.fileExists(atPath: "\($0)/\(file)") })
    }

    /// Removes the group at `path` once it is empty (its processes may take a moment to leave,
    /// up to `patience` seconds), and the tool's folder of groups when that is empty too.
    static func removeGroup(_ path: String, patience: Double) {
        var backoff = Backoff(limit: 0.002)
        let deadline = Date().addingTimeInterval(patience)
        while rmdir(path) != 0 && errno == EBUSY && Date() < deadline {
            backoff.waitHere()
        }
        rmdir(URL(fileURLWithPath: path).deletingLastPathComponent().path)
    }

    /// Writes `text` to a cgroup file in one call; false when it could not.
    @discardableResult
    static func write(_ text: String, to file: String) -> Bool {
        let fd = open(file, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return text.withCString { Glibc.write(fd, $0, strlen($0)) } >= 0
    }
}
