import Foundation

import Glibc

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

    /// The live processes of `session`, but the tool, read from /proc (empty where there is no /proc).
    static func processes(inSession session: pid_t) -> [pid_t] {
        ProcStat.live().filter { $0.session == session && $0.pid != getpid() }.map(\.pid)
    }

    /// The live processes, but the tool itself, that hold a descriptor of one of the pipes or
    /// sockets named as `/proc/PID/fd` names them ("pipe:[N]", "socket:[N]"): the write end of an
    /// example's output, say.
    static func holders(of names: Set<String>) -> [pid_t] {
        return livePids().filter { pid in
            guard let fds = try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd") else { return false }
            return fds.contains { fd in
                (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\(fd)")).map(names.contains) ?? false
            }
        }
    }

    /// The command line of a process, its arguments joined by spaces ("sleep 300").
    static func commandLine(of pid: pid_t) -> String? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"), !data.isEmpty else { return nil }
        let words = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        return words.joined(separator: " ")
    }

    /// The pids of the live processes (not zombies), but the tool's own.
    private static func livePids() -> [pid_t] {
        ProcStat.live().map(\.pid).filter { $0 != getpid() }
    }
}
