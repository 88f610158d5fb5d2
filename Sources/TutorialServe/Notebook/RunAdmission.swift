import Synchronization

/// The places for notebook runs (running or waiting): a request takes one or is refused, in one
/// locked step, so that however many requests arrive at once, at most `limit` are admitted.
final class RunAdmission: Sendable {
    let limit: Int
    private let taken = Mutex(0)

    package init(limit: Int) {
        self.limit = limit
    }

    /// How many places are taken now.
    var count: Int { taken.withLock { $0 } }

    /// A place, or nil when all are taken.
    func enter() -> Ticket? {
        let admitted = taken.withLock { count in
            guard count < limit else { return false }
            count += 1
            return true
        }
        return admitted ? Ticket(admission: self) : nil
    }

    fileprivate func release() {
        taken.withLock { $0 -= 1 }
    }

    /// A place taken; given back by `leave()`, or when the ticket is dropped (an answer that
    /// never ran, because its client left first).
    final class Ticket: Sendable {
        private let admission: RunAdmission
        private let left = Atomic(false)

        fileprivate init(admission: RunAdmission) {
            self.admission = admission
        }

        func leave() {
            if !left.exchange(true, ordering: .relaxed) { admission.release() }
        }

        deinit { leave() }
    }
}
