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
    private let cleanups = Mutex<[@Sendable () -> Void]>([])

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

    /// Adds work to do when the tool is interrupted (removing temporary folders, say).
    public func onInterrupt(_ cleanup: @escaping @Sendable () -> Void) {
        cleanups.withLock { $0.append(cleanup) }
    }

    /// On SIGINT or SIGTERM: kill the children, run the clean-ups, and exit with 128 + signal.
    public func installInterruptHandlers() {
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [self] in
                killAll()
                for cleanup in cleanups.withLock({ $0 }) { cleanup() }
                let message = "tutorial: interrupted; stopped every example\n"
                FileHandle.standardError.write(Data(message.utf8))
                exit(128 + signalNumber)
            }
            source.resume()
            signalSources.append(source)
        }
    }
}
