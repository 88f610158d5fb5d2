/// Decides when compiles and runs may start: at most `compileSlots` compiles and `runSlots` runs
/// at once. An exclusive run waits until nothing else compiles, runs or waits to, and nothing
/// starts while it runs: it has the machine to itself, and the rest of the build is not held up
/// waiting for it (exclusive runs come last, one after another).
package actor WorkScheduler {
    package enum Work: Sendable {
        case compile, run, exclusiveRun
        /// Work that takes a compile slot but yields it to every waiting compile: compiling an
        /// example whose run comes last anyway, or highlighting the pages' code.
        case deferredCompile

        /// Waiters start in this order: lower first.
        var rank: Int {
            switch self {
            case .compile, .run: 0
            case .deferredCompile: 1
            case .exclusiveRun: 2
            }
        }
    }

    private let compileSlots: Int
    private let runSlots: Int
    private var compiling = 0
    private var running = 0
    private var exclusive = false
    private var waiters: [(work: Work, continuation: CheckedContinuation<Void, Never>)] = []

    package init(compileSlots: Int, runSlots: Int) {
        self.compileSlots = max(compileSlots, 1)
        self.runSlots = max(runSlots, 1)
    }

    /// Waits until `work` may start, and counts it as started; `waiting` is called first when
    /// it cannot start at once.
    package func acquire(_ work: Work, waiting: @Sendable () -> Void = {}) async {
        if canStart(work) {
            start(work)
            return
        }
        waiting()
        await withCheckedContinuation { continuation in
            waiters.append((work, continuation))
        }
    }

    /// How many requests wait for a slot (tests wait for a request to queue).
    package var waiting: Int { waiters.count }

    /// Counts `work` as finished and starts what waited for it.
    package func release(_ work: Work) {
        switch work {
        case .compile, .deferredCompile: compiling -= 1
        case .run: running -= 1
        case .exclusiveRun: exclusive = false
        }
        wakeWaiters()
    }

    /// Runs `body` as `work`, between `acquire` and `release`.
    package nonisolated func perform<T: Sendable>(
        _ work: Work, waiting: @Sendable () -> Void = {}, _ body: () async -> T
    ) async -> T {
        await acquire(work, waiting: waiting)
        let value = await body()
        await release(work)
        return value
    }

    /// Starts waiters in order of their rank, then of their arrival.
    private func wakeWaiters() {
        for rank in 0...2 {
            var index = 0
            while index < waiters.count {
                let (work, continuation) = waiters[index]
                if work.rank == rank && canStart(work) {
                    start(work)
                    waiters.remove(at: index)
                    continuation.resume()
                } else {
                    index += 1
                }
            }
        }
    }

    private func canStart(_ work: Work) -> Bool {
        guard !exclusive else { return false }
        switch work {
        case .compile: return compiling < compileSlots
        case .deferredCompile:
            return compiling < compileSlots && !waiters.contains { if case .compile = $0.work { true } else { false } }
        case .run: return running < runSlots
        case .exclusiveRun:
            let othersWaiting = waiters.contains { if case .exclusiveRun = $0.work { false } else { true } }
            return compiling == 0 && running == 0 && !othersWaiting
        }
    }

    private func start(_ work: Work) {
        switch work {
        case .compile, .deferredCompile: compiling += 1
        case .run: running += 1
        case .exclusiveRun: exclusive = true
        }
    }
}
