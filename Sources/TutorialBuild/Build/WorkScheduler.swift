/// Decides when compiles and runs may start: at most `compileSlots` compiles and `runSlots` runs
/// at once. An exclusive run waits until nothing else compiles, runs or waits to, and nothing
/// starts while it runs: it has the machine to itself, and the rest of the build is not held up
/// waiting for it (exclusive runs come last, one after another).
///
/// A build may say in which order its examples' compiles should start
/// (``expectCompiles(inOrder:)``): a compile then waits until every compile before it in that
/// order has started or was withdrawn (its program came from a cache), whatever order the
/// examples' tasks reach the scheduler in.
package actor WorkScheduler {
    package enum Work: Sendable {
        case compile, run, exclusiveRun
        /// Work that takes a compile slot but yields it to every waiting or expected compile:
        /// compiling an example whose run comes last anyway, or highlighting the pages' code.
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
    private var waiters: [(work: Work, position: Int?, continuation: CheckedContinuation<Void, Never>)] = []
    /// Each expected compile's place in the order, by key.
    private var positions: [String: Int] = [:]
    /// The places of expected compiles that neither asked for a slot nor were withdrawn.
    private var unresolved: Set<Int> = []

    package init(compileSlots: Int, runSlots: Int) {
        self.compileSlots = max(compileSlots, 1)
        self.runSlots = max(runSlots, 1)
    }

    /// Says in which order the compiles of `keys` start, first first. Each key must then
    /// either ask for a compile slot with its key or be withdrawn.
    package func expectCompiles(inOrder keys: [String]) {
        for key in keys where positions[key] == nil {
            positions[key] = positions.count
            unresolved.insert(positions[key]!)
        }
    }

    /// The compile of `key` will not happen: compiles after it in the order need not wait for it.
    package func withdraw(_ key: String) {
        guard let position = positions[key], unresolved.remove(position) != nil else { return }
        wakeWaiters()
    }

    /// Waits until `work` may start, and counts it as started; `waiting` is called first when
    /// it cannot start at once. A compile with the `key` of an expected compile keeps its place
    /// in the order.
    package func acquire(_ work: Work, key: String? = nil, waiting: @Sendable () -> Void = {}) async {
        var position: Int?
        if case .compile = work, let key, let place = positions[key], unresolved.remove(place) != nil {
            position = place
        }
        if canStart(work, position: position) {
            start(work)
            // Its arrival may let later compiles go, when slots are left.
            if position != nil { wakeWaiters() }
            return
        }
        waiting()
        await withCheckedContinuation { continuation in
            waiters.append((work, position, continuation))
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
        _ work: Work, key: String? = nil, waiting: @Sendable () -> Void = {}, _ body: () async -> T
    ) async -> T {
        await acquire(work, key: key, waiting: waiting)
        let value = await body()
        await release(work)
        return value
    }

    /// Starts waiters in order of their rank, then of their place in the expected order, then
    /// of their arrival.
    private func wakeWaiters() {
        // Stable: waiters without a place keep their order of arrival, after those with one.
        let sorted = waiters.enumerated().sorted { ($0.element.position ?? Int.max, $0.offset) < ($1.element.position ?? Int.max, $1.offset) }
        waiters = sorted.map(\.element)
        for rank in 0...2 {
            var index = 0
            while index < waiters.count {
                let (work, position, continuation) = waiters[index]
                if work.rank == rank && canStart(work, position: position) {
                    start(work)
                    waiters.remove(at: index)
                    continuation.resume()
                } else {
                    index += 1
                }
            }
        }
    }

    private func canStart(_ work: Work, position: Int? = nil) -> Bool {
        guard !exclusive else { return false }
        switch work {
        case .compile:
            guard compiling < compileSlots else { return false }
            guard let position else { return true }
            // Every expected compile before this one has started or was withdrawn, and none
            // before it waits.
            let earlierWaits = waiters.contains { if case .compile = $0.work, let other = $0.position { other < position } else { false } }
            return !unresolved.contains { $0 < position } && !earlierWaits
        case .deferredCompile:
            // It yields to compiles that wait, and to those the build expects but that have not
            // asked yet (their examples are still looking in the cache).
            return compiling < compileSlots && unresolved.isEmpty
                && !waiters.contains { if case .compile = $0.work { true } else { false } }
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
