import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// What the polled limits measure: a run's processes, their memory, its files.
enum RunProcesses {
    /// The live processes descended from `ancestor` (the run's reaper, a child subreaper: every
    /// process the run starts stays its descendant), without it.
    static func descendants(of ancestor: pid_t) -> [pid_t] {
        var children: [pid_t: [pid_t]] = [:]
        for (pid, parent) in ProcStat.parents() { children[parent, default: []].append(pid) }
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
