import Foundation
import Synchronization

/// A thread of its own that runs a reader's loop, started at once (not when the cooperative pool
/// gets to a task: a program blocks as soon as what it wrote fills its channel, and a pool busy
/// with other work must not hold it up), and awaited when the run ends.
final class ReaderThread: Sendable {
    /// Whether the body has returned, and who waits for it.
    private struct State {
        var done = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    /// Starts `body` on a new thread named `name`.
    package init(name: String, _ body: @escaping @Sendable () -> Void) {
        let thread = Thread { [self] in
            body()
            let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
                state.done = true
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume()
        }
        thread.name = name
        thread.start()
    }

    /// Returns once `body` has returned.
    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = state.withLock { state -> Bool in
                if !state.done { state.waiter = continuation }
                return state.done
            }
            if done { continuation.resume() }
        }
    }
}
