import Foundation

/// The fields of `/proc/PID/stat` the tool reads: one parser for them all (the command name may
/// itself hold spaces and parentheses, so fields are counted from its last ")").
package struct ProcStat {
    let pid: pid_t
    /// R, S, D, T, t, Z, X, ...
    let state: Substring
    let parent: pid_t?
    let session: pid_t?
    /// When the process started, in clock ticks since boot (field 22).
    package let startTime: UInt64?

    /// True for a process that still runs (not a zombie, not dead).
    var isLive: Bool { state != "Z" && state != "X" }

    /// The process's fields, or nil when it is gone.
    package init?(pid: pid_t) {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return nil }
        self.init(pid: pid, text: text)
    }

    package init?(pid: pid_t, text: String) {
        guard let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard let state = fields.first else { return nil }
        self.pid = pid
        self.state = state
        parent = fields.count > 1 ? pid_t(fields[1]) : nil
        session = fields.count > 3 ? pid_t(fields[3]) : nil
        startTime = fields.count > 19 ? UInt64(fields[19]) : nil
    }

    /// Every live process, read from /proc in one pass (empty where there is no /proc).
    static func live() -> [ProcStat] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { entry in
            pid_t(entry).flatMap { ProcStat(pid: $0) }.flatMap { $0.isLive ? $0 : nil }
        }
    }

    /// The parent of every live process.
    static func parents() -> [pid_t: pid_t] {
        var parents: [pid_t: pid_t] = [:]
        for process in live() { parents[process.pid] = process.parent }
        return parents
    }
}
