/// Decides when compiles and runs may start: at most `compileSlots` compiles and `runSlots` runs
/// at once, and an exclusive run only when nothing else compiles or runs (nothing new starts
/// while one waits, so it is not starved).
public actor WorkScheduler {
    public enum Work: Sendable {
        case compile, run, exclusiveRun
    }

    private let compileSlots: Int
    private let runSlots: Int
    private var compiling = 0
    private var running = 0
    private var exclusive = false
    private var waiters: [(work: Work, continuation: CheckedContinuation<Void, Never>)] = []

    public init(compileSlots: Int, runSlots: Int) {
        self.compileSlots = max(compileSlots, 1)
        self.runSlots = max(runSlots, 1)
    }

    /// Waits until `work` may start, and counts it as started.
    public func acquire(_ work: Work) async {
        // Work of another kind does not queue behind this one; only a waiting exclusive run
        // holds everything back.
        let exclusiveWaits = waiters.contains { if case .exclusiveRun = $0.work { true } else { false } }
        if !exclusiveWaits && canStart(work) {
            start(work)
            return
        }
        await withCheckedContinuation { continuation in
            waiters.append((work, continuation))
        }
    }

    /// Counts `work` as finished and starts what waited for it.
    public func release(_ work: Work) {
        switch work {
        case .compile: compiling -= 1
        case .run: running -= 1
        case .exclusiveRun: exclusive = false
        }
        wakeWaiters()
    }

    /// Runs `body` as `work`, between `acquire` and `release`.
    public nonisolated func perform<T: Sendable>(_ work: Work, _ body: () async -> T) async -> T {
        await acquire(work)
        let value = await body()
        await release(work)
        return value
    }

    private func start(_ work: Work) {
        switch work {
        case .compile: compiling += 1
        case .run: running += 1
        case .exclusiveRun: exclusive = true
        }
    }

    /// Starts waiters in order. An exclusive run that cannot start yet holds back everything
    /// behind it.
    private func wakeWaiters() {
        var index = 0
        while index < waiters.count {
            let (work, continuation) = waiters[index]
            // While an exclusive run waits, others must not start ahead of it.
            let blockedByEarlierExclusive = waiters[..<index].contains { if case .exclusiveRun = $0.work { true } else { false } }
            if !blockedByEarlierExclusive && canStart(work) {
                start(work)
                waiters.remove(at: index)
                continuation.resume()
            } else {
                index += 1
            }
        }
    }

    /// Whether `work` fits now, leaving the queue's order aside.
    private func canStart(_ work: Work) -> Bool {
        guard !exclusive else { return false }
        switch work {
        case .compile: return compiling < compileSlots
        case .run: return running < runSlots
        case .exclusiveRun: return compiling == 0 && running == 0
        }
    }
}
