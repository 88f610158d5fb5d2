import Foundation
import Synchronization
import TutorialSupport

/// A file per running program in the cache's `running/` folder, so that the next build kills
/// what a tool killed with its reapers (SIGKILL to its whole process group, say) left running:
/// the program's session and every process still holding its output pipes.
enum RunningRecords {
    /// The folders already swept by this tool.
    private static let swept = Mutex<Set<String>>([])

    /// Records a program that started: the tool's pid and start time, the program's pid (which
    /// names its session) and start time (pids are reused), and its output's pipes or sockets as
    /// `/proc/PID/fd` names them ("pipe:[N]").
    static func add(in folder: String, leader: pid_t, pipes: Set<String>) {
        guard let started = startTime(of: leader), let tool = startTime(of: getpid()) else { return }
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let line = ([UInt64(getpid()), tool, started].map(String.init) + pipes.sorted()).joined(separator: " ") + "\n"
        try? AtomicFile.write(Data(line.utf8), to: "\(folder)/\(leader)")
    }

    static func remove(in folder: String, leader: pid_t) {
        try? FileManager.default.removeItem(atPath: "\(folder)/\(leader)")
    }

    /// Kills what the programs recorded in `folder` left running, once per tool and folder:
    /// records are only left by a tool that did not finish its runs. Returns the command lines
    /// of the processes killed.
    @discardableResult
    static func killLeftovers(in folder: String) -> [String] {
        guard swept.withLock({ $0.insert(folder).inserted }) else { return [] }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        var killed: [String] = []
        for name in names {
            guard let leader = pid_t(name),
                  let text = try? String(contentsOfFile: "\(folder)/\(name)", encoding: .utf8) else { continue }
            let words = text.split(whereSeparator: \.isWhitespace)
            let numbers = words.prefix(3).compactMap { UInt64($0) }
            guard numbers.count == 3, let tool = pid_t(exactly: numbers[0]) else { continue }
            // An inode alone, as older tools wrote them, is a pipe's; anything but a pipe or a
            // socket (a file's path, "/dev/null") would match processes the run never touched.
            let holding = Set(words.dropFirst(3).compactMap(Self.pipeOrSocket))
            // Another tool still running (a `tutorial run` beside a build) keeps its programs.
            if startTime(of: tool) == numbers[1] { continue }
            defer { try? FileManager.default.removeItem(atPath: "\(folder)/\(name)") }
            let started = numbers[2]
            var found = Set(ProcessSession.holders(of: holding))
            // The session only while its leader is the one recorded: a pid can be reused.
            if leader > 1, startTime(of: leader) == started, ProcStat(pid: leader)?.session == leader {
                found.formUnion(ProcessSession.processes(inSession: leader))
                found.insert(leader)
            }
            // A record is only a file in the cache: whatever it says, init, the tool and the
            // processes it runs under are never killed.
            found.subtract(Self.protected())
            killed += found.sorted().compactMap(ProcessSession.commandLine)
            for pid in found { kill(pid, SIGKILL) }
        }
        return killed
    }

    /// `pipe:[N]` or `socket:[N]` as a record may hold them (a bare N is a pipe's), else nil.
    static func pipeOrSocket(_ word: Substring) -> String? {
        if UInt64(word) != nil { return "pipe:[\(word)]" }
        for kind in ["pipe:[", "socket:["] where word.hasPrefix(kind) && word.hasSuffix("]") {
            if UInt64(word.dropFirst(kind.count).dropLast()) != nil { return String(word) }
        }
        return nil
    }

    /// Init, the tool and its ancestors.
    static func protected() -> Set<pid_t> {
        var pids: Set<pid_t> = [1, getpid()]
        var at = getppid()
        while at > 1, pids.insert(at).inserted { at = ProcStat(pid: at)?.parent ?? 1 }
        return pids
    }

    /// When a process started, in clock ticks since boot.
    static func startTime(of pid: pid_t) -> UInt64? { ProcStat(pid: pid)?.startTime }
}
