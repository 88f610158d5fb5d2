import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds and kills the processes of a session, the unit a run is confined to.
enum ProcessSession {
    /// Sends SIGKILL to every process whose session is `session`, and to its process group,
    /// until none is left (a process may fork while the others are killed).
    static func killAll(session: pid_t) {
        kill(-session, SIGKILL)
        for _ in 0..<20 {
            let members = processes(inSession: session)
            if members.isEmpty { return }
            for pid in members { kill(pid, SIGKILL) }
            usleep(5_000)
        }
    }

    /// The live processes of `session`, read from /proc (empty where there is no /proc).
    static func processes(inSession session: pid_t) -> [pid_t] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        return entries.compactMap { entry -> pid_t? in
            guard let pid = pid_t(entry), pid != getpid(),
                  let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let fields = fieldsAfterName(stat), fields.count > 3,
                  fields[0] != "Z", fields[0] != "X",
                  pid_t(fields[3]) == session else { return nil }
            return pid
        }
    }

    /// The fields of /proc/PID/stat after the command name, which may itself hold spaces and
    /// parentheses: state, ppid, pgrp, session, ...
    private static func fieldsAfterName(_ stat: String) -> [Substring]? {
        guard let close = stat.lastIndex(of: ")") else { return nil }
        return stat[stat.index(after: close)...].split(separator: " ")
    }
}
