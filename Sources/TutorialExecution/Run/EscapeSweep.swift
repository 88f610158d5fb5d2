import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Kills what a run left where its reaper could not reach it: the processes that still hold the
/// run's output and, when the reaper died before it was done (the program killed it, or stopped
/// it and the tool killed it), every process under the tool that is not under a running reaper:
/// the tool is a child subreaper, so the reaper's orphans and all their descendants are there.
/// Each round kills every such process at once, a whole tree; rounds go on, as many as it takes,
/// until one finds none.
struct EscapeSweep {
    /// The pipes or sockets of the run's output, as `/proc/PID/fd` names them ("pipe:[N]").
    var holding: Set<String>
    /// True to kill the tool's descendants that are not under a running reaper.
    var orphans: Bool
    /// Seconds after which a sweep that still finds processes (stuck in the kernel, where even
    /// SIGKILL waits) gives up: the run is then not proven empty.
    var patience = 30.0

    /// What a sweep killed.
    struct Outcome {
        /// The command lines of the processes killed, the first ``LeftoverList/kept`` of them.
        var killed = LeftoverList()
        /// True when the last round found nothing, and the sweep could see every process the run
        /// may have left: it looked for orphans as a child subreaper, or did not have to. False
        /// when a reaper died and the tool is not a subreaper (the orphans went elsewhere), or
        /// the sweep gave up.
        var provenEmpty = true
    }

    func run() -> Outcome {
        var outcome = Outcome()
        let subreaper = ChildProcesses.shared.isSubreaper
        outcome.provenEmpty = !orphans || subreaper
        let tool = getpid()
        var named = Set<pid_t>()
        var killed = Set<pid_t>()
        var backoff = Backoff(limit: 0.002)
        let deadline = Date().addingTimeInterval(patience)
        while true {
            // While no reaper is being started: a reaper forked a moment ago still holds copies
            // of the tool's descriptors and is not yet known by its pid.
            let found = Reaper.withRunningReapers { reapers -> Set<pid_t> in
                var found = holding.isEmpty ? [] : Set(ProcessSession.holders(of: holding))
                if orphans && subreaper { found.formUnion(Self.descendants(of: tool, notUnder: reapers)) }
                found.subtract(reapers)
                found.remove(tool)
                for pid in found.sorted() where named.insert(pid).inserted {
                    outcome.killed.append(ProcessSession.commandLine(of: pid) ?? "?")
                }
                for pid in found { kill(pid, SIGKILL) }
                return found
            }
            killed.formUnion(found)
            Self.reap(&killed)
            if found.isEmpty { break }
            if Date() >= deadline {
                outcome.provenEmpty = false
                break
            }
            backoff.waitHere()
        }
        return outcome
    }

    /// Reaps those of `pids` that are the tool's children and have ended, and forgets them.
    private static func reap(_ pids: inout Set<pid_t>) {
        var status: Int32 = 0
        for pid in pids where waitpid(pid, &status, WNOHANG) == pid { pids.remove(pid) }
    }

    /// The live processes whose chain of parents leads to `root` without passing through one of
    /// `stops`, read from /proc in one pass.
    static func descendants(of root: pid_t, notUnder stops: Set<pid_t>) -> Set<pid_t> {
        let parents = ProcStat.parents()
        var verdicts: [pid_t: Bool] = [root: true]
        for stop in stops { verdicts[stop] = false }
        var found = Set<pid_t>()
        for start in parents.keys {
            var chain: [pid_t] = []
            var at = start
            var verdict = false
            while true {
                if let known = verdicts[at] { verdict = known; break }
                guard let parent = parents[at], chain.count <= parents.count else { break }
                chain.append(at)
                at = parent
            }
            for pid in chain { verdicts[pid] = verdict }
            if verdict && start != root && !stops.contains(start) { found.insert(start) }
        }
        return found
    }
}
