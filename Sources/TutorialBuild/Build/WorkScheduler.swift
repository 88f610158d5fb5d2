/// Decides when compiles and runs may start: at most `compileSlots` compiles and `runSlots` runs
/// at once. An exclusive run waits until nothing else compiles, runs or waits to, and nothing
/// starts while it runs: it has the machine to itself, and the rest of the build is not held up
/// waiting for it (exclusive runs come last, one after another).
///
/// A build may say in which order its examples' compiles should start
/// (``expectCompiles(inOrder:)``): a compile then waits until every compile before it in that
/// order has started or was withdrawn (its program came from a cache), whatever order the
/// examples' tasks reach the scheduler in.
///
/// Each kind of work waits in a queue of its own, so that starting what can start costs no more
/// than the number started: a book of thousands of examples is not scheduled in quadratic time.
package actor WorkScheduler {
    package enum Work: Sendable {
        case compile, run, exclusiveRun
        /// Work that takes a compile slot but yields it to every waiting or expected compile:
        /// compiling an example whose run comes last anyway, or highlighting the pages' code.
        case deferredCompile
    }

    private typealias Waiter = CheckedContinuation<Void, Never>

    private let compileSlots: Int
    private let runSlots: Int
    private var compiling = 0
    private var running = 0
    private var exclusive = false
    /// Compiles with a place in the expected order, by place (smallest last, to pop).
    private var placedCompiles: [(position: Int, waiter: Waiter)] = []
    /// The other waiters, each kind in order of arrival.
    private var compiles = FIFO()
    private var runs = FIFO()
    private var deferred = FIFO()
    private var exclusiveRuns = FIFO()
    /// Each expected compile's place in the order, by key.
    private var positions: [String: Int] = [:]
    /// Whether each expected compile asked for a slot or was withdrawn, by place; every place
    /// before `firstUnresolved` did.
    private var resolved: [Bool] = []
    private var firstUnresolved = 0

    package init(compileSlots: Int, runSlots: Int) {
        self.compileSlots = max(compileSlots, 1)
        self.runSlots = max(runSlots, 1)
    }

    /// Says in which order the compiles of `keys` start, first first. Each key must then
    /// either ask for a compile slot with its key or be withdrawn.
    package func expectCompiles(inOrder keys: [String]) {
        for key in keys where positions[key] == nil {
            positions[key] = resolved.count
            resolved.append(false)
        }
    }

    /// The compile of `key` will not happen: compiles after it in the order need not wait for it.
    package func withdraw(_ key: String) {
        guard resolve(key) != nil else { return }
        wakeWaiters()
    }

    /// Waits until `work` may start, and counts it as started; `waiting` is called first when
    /// it cannot start at once. A compile with the `key` of an expected compile keeps its place
    /// in the order.
    /// `waiting` is called, with how many are waiting already, when the work has to wait.
    package func acquire(_ work: Work, key: String? = nil, waiting: @Sendable (Int) -> Void = { _ in }) async {
        var position: Int?
        if case .compile = work, let key { position = resolve(key) }
        if canStart(work, position: position) {
            start(work)
            // Its arrival may let later compiles go, when slots are left.
            if position != nil { wakeWaiters() }
            return
        }
        waiting(self.waiting)
        await withCheckedContinuation { (waiter: Waiter) in
            switch work {
            case .compile:
                if let position {
                    // Kept sorted, largest place first: the next to start is the last.
                    var low = 0, high = placedCompiles.count
                    while low < high {
                        let middle = (low + high) / 2
                        if placedCompiles[middle].position > position { low = middle + 1 } else { high = middle }
                    }
                    placedCompiles.insert((position, waiter), at: low)
                } else {
                    compiles.push(waiter)
                }
            case .run: runs.push(waiter)
            case .deferredCompile: deferred.push(waiter)
            case .exclusiveRun: exclusiveRuns.push(waiter)
            }
        }
    }

    /// How many requests wait for a slot (tests wait for a request to queue).
    package var waiting: Int {
        placedCompiles.count + compiles.count + runs.count + deferred.count + exclusiveRuns.count
    }

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
        _ work: Work, key: String? = nil, waiting: @Sendable (Int) -> Void = { _ in }, _ body: () async -> T
    ) async -> T {
        await acquire(work, key: key, waiting: waiting)
        let value = await body()
        await release(work)
        return value
    }

    /// Marks the place of `key` resolved and returns it; nil when it has none or was resolved.
    private func resolve(_ key: String) -> Int? {
        guard let place = positions[key], !resolved[place] else { return nil }
        resolved[place] = true
        while firstUnresolved < resolved.count && resolved[firstUnresolved] { firstUnresolved += 1 }
        return place
    }

    /// Starts what waited and can start now: compiles (in the expected order first) and runs,
    /// then deferred work, then an exclusive run.
    private func wakeWaiters() {
        while let next = placedCompiles.last, canStart(.compile, position: next.position) {
            placedCompiles.removeLast()
            start(.compile)
            next.waiter.resume()
        }
        wake(&compiles, .compile)
        wake(&runs, .run)
        wake(&deferred, .deferredCompile)
        wake(&exclusiveRuns, .exclusiveRun)
    }

    private func wake(_ queue: inout FIFO, _ work: Work) {
        while !queue.isEmpty && canStart(work) {
            start(work)
            queue.pop().resume()
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
            let earlierWaits = placedCompiles.last.map { $0.position < position } ?? false
            return firstUnresolved >= position && !earlierWaits
        case .deferredCompile:
            // It yields to compiles that wait, and to those the build expects but that have not
            // asked yet (their examples are still looking in the cache).
            return compiling < compileSlots && firstUnresolved == resolved.count && placedCompiles.isEmpty && compiles.isEmpty
        case .run: return running < runSlots
        case .exclusiveRun:
            let othersWaiting = !placedCompiles.isEmpty || !compiles.isEmpty || !runs.isEmpty || !deferred.isEmpty
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

    /// A first-in first-out queue of waiters, popped in constant time.
    private struct FIFO {
        private var items: [Waiter] = []
        private var head = 0

        var isEmpty: Bool { head == items.count }
        var count: Int { items.count - head }

        mutating func push(_ waiter: Waiter) { items.append(waiter) }

        mutating func pop() -> Waiter {
            let waiter = items[head]
            head += 1
            if head > 64 && head * 2 > items.count {
                items.removeFirst(head)
                head = 0
            }
            return waiter
        }
    }
}
