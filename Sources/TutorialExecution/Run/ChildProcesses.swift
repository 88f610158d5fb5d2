import CSupport
import Foundation
import Synchronization

import Glibc

/// The reapers of the programs the tool is running, so that an interrupted tool can kill them
/// all before it exits.
public final class ChildProcesses: Sendable {
    public static let shared = ChildProcesses()

    private let reapers = Mutex<[pid_t: Reaper]>([:])
    private let cleanups = Mutex<(next: Int, work: [Int: @Sendable () -> Void])>((0, [:]))
    private let subreaper = Atomic<Bool>(false)
    /// Whether the handlers of interrupting signals are installed: once per process.
    private let handlersInstalled = Atomic(false)

    /// True when the tool is a child subreaper: the orphans of a reaper that died come to it.
    var isSubreaper: Bool { subreaper.load(ordering: .relaxed) }

    func register(_ reaper: Reaper) {
        reapers.withLock { $0[reaper.pid] = reaper }
    }

    func unregister(_ reaper: Reaper) {
        reapers.withLock { _ = $0.removeValue(forKey: reaper.pid) }
    }

    /// Kills every process of every running program, and waits (a second at most) until their
    /// reapers have reaped them; then, as a subreaper, whatever else is under the tool and not
    /// under a reaper still running: the orphans of reapers that died.
    func killAll() {
        let running = Array(reapers.withLock { $0.values })
        for reaper in running {
            reaper.resumeIfStopped()
            reaper.killEverything()
            if let leader = reaper.report.leader { ProcessSession.killAll(session: leader) }
        }
        let deadline = Date().addingTimeInterval(1)
        while running.contains(where: { !$0.report.closed }) && Date() < deadline { usleep(2_000) }
        if isSubreaper { _ = EscapeSweep(holding: [], orphans: true, patience: 1).run() }
    }

    /// Adds work to do if the tool is interrupted (removing temporary folders, say) until
    /// ``cancelInterruptWork(_:)`` is called with the number this returns.
    package func onInterrupt(_ cleanup: @escaping @Sendable () -> Void) -> Int {
        cleanups.withLock { state in
            state.next += 1
            state.work[state.next] = cleanup
            return state.next
        }
    }

    /// Forgets work added by ``onInterrupt(_:)``, once it is no longer needed.
    package func cancelInterruptWork(_ id: Int) {
        cleanups.withLock { _ = $0.work.removeValue(forKey: id) }
    }

    /// On SIGINT or SIGTERM: kill the children, run the clean-ups, and exit with 128 + signal.
    /// Also makes the tool a child subreaper, so that no process an example starts can leave
    /// the tool's tree of processes.
    public func installInterruptHandlers() {
        subreaper.store(tutorial_set_child_subreaper() == 0, ordering: .relaxed)
        guard !handlersInstalled.exchange(true, ordering: .relaxed) else { return }
        SignalThread.install([SIGINT, SIGTERM, SIGHUP]) { [self] signalNumber in
            killAll()
            for cleanup in cleanups.withLock({ $0.work.values }) { cleanup() }
            let message = "tutorial: interrupted; stopped every example\n"
            FileHandle.standardError.write(Data(message.utf8))
            // `_exit`, not `exit`: exit's handlers and static destructors would run while the
            // tool's other threads still use what they tear down (a SIGSEGV, seen as status 11).
            fflush(nil)
            _exit(128 + signalNumber)
        }
    }
}
