import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Kept alive for the life of the tool; written once, at start-up.
nonisolated(unsafe) private var signalSources: [DispatchSourceSignal] = []

/// The sessions of the programs the tool is running, so that an interrupted tool can kill them
/// all before it exits.
public final class ChildProcesses: Sendable {
    public static let shared = ChildProcesses()

    private let sessions = Mutex<Set<pid_t>>([])
    private let cleanups = Mutex<(next: Int, work: [Int: @Sendable () -> Void])>((0, [:]))

    func register(session: pid_t) {
        sessions.withLock { _ = $0.insert(session) }
    }

    func unregister(session: pid_t) {
        sessions.withLock { _ = $0.remove(session) }
    }

    /// Kills every process of every registered session.
    public func killAll() {
        for session in sessions.withLock({ $0 }) {
            ProcessSession.killAll(session: session)
        }
    }

    /// Adds work to do if the tool is interrupted (removing temporary folders, say) until
    /// ``cancelInterruptWork(_:)`` is called with the number this returns.
    public func onInterrupt(_ cleanup: @escaping @Sendable () -> Void) -> Int {
        cleanups.withLock { state in
            state.next += 1
            state.work[state.next] = cleanup
            return state.next
        }
    }

    /// Forgets work added by ``onInterrupt(_:)``, once it is no longer needed.
    public func cancelInterruptWork(_ id: Int) {
        cleanups.withLock { _ = $0.work.removeValue(forKey: id) }
    }

    /// On SIGINT or SIGTERM: kill the children, run the clean-ups, and exit with 128 + signal.
    public func installInterruptHandlers() {
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [self] in
                killAll()
                for cleanup in cleanups.withLock({ $0.work.values }) { cleanup() }
                let message = "tutorial: interrupted; stopped every example\n"
                FileHandle.standardError.write(Data(message.utf8))
                exit(128 + signalNumber)
            }
            source.resume()
            signalSources.append(source)
        }
    }
}
