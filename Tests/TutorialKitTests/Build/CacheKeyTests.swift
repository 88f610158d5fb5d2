import TestSupport
import Testing
@testable import TutorialBuild
@testable import TutorialExecution
@testable import TutorialModel
@testable import TutorialSupport

@Suite struct CacheKeyTests {
    func example(_ source: String) -> Example {
        TestSupport.example(source)
    }

    func runner(version: String = "Swift 6.3.1", flags: [String] = Compiler.defaultFlags) -> ExampleRunner {
        ExampleRunner(compiler: Compiler(flags: flags), cache: ProgramCache(root: "/unused"), compilerVersion: version)
    }

    @Test func theKeyChangesWithEachInput() {
        let base = example("```swift\nprint(1)\n```\n")
        let key = runner().key(for: base)
        #expect(runner().key(for: example("```swift\nprint(1)\n```\n")) == key)
        #expect(runner().key(for: example("Other prose.\n\n```swift\nprint(1)\n```\n\nMore.\n")) == key)
        #expect(runner().key(for: example("```swift\nprint(2)\n```\n")) != key)
        #expect(runner().key(for: example("```swift timeout=5\nprint(1)\n```\n")) != key)
        #expect(runner().key(for: example("```swift exclusive\nprint(1)\n```\n")) != key)
        #expect(runner(version: "Swift 6.3.2").key(for: base) != key)
        #expect(runner(flags: Compiler.defaultFlags + ["-O"]).key(for: base) != key)
    }

    @Test func compilerMessagesFollowACellThatMoved() {
        let before = example("```swift\nlet x: Int = \"a\"\n```\n")
        let after = example("Two new\nlines of prose.\n\n```swift\nlet x: Int = \"a\"\n```\n")
        #expect(runner().key(for: before) == runner().key(for: after))
        let log = "chapters/01-demo.md:2:14: error: cannot convert value\nlet x: Int = \"a\"\n             ^\n"
        let record = CompileRecord(
            compile: CompileOutcome(succeeded: false, log: log, duration: 1), typeChecks: [:], program: "/nonexistent", cellLines: [2])
        let moved = record.relocated(to: after)
        #expect(moved.compile?.log.hasPrefix("chapters/01-demo.md:5:14: error: cannot convert value\n") == true)
        #expect(moved.cellLines == [5])
    }
}

/// The hash under every cache key: SHA-256, so that no two inputs share a key by accident.
@Suite struct StableHashTests {
    func hash(_ parts: [String]) -> String {
        var hash = StableHash()
        for part in parts { hash.combine(part) }
        return hash.hex
    }

    @Test func isA256BitHashThatSeparatesItsParts() {
        #expect(hash(["ab", "c"]).count == 64)
        #expect(hash(["ab", "c"]).allSatisfy { $0.isHexDigit })
        #expect(hash(["ab", "c"]) == hash(["ab", "c"]))
        #expect(hash(["ab", "c"]) != hash(["a", "bc"]))
        #expect(hash(["abc"]) != hash(["ab", "c"]))
        var bytes = StableHash()
        Array("abc".utf8).withUnsafeBytes { bytes.combine(bytes: $0) }
        #expect(bytes.hex != hash(["abc"]))
        #expect(bytes.hex.count == 64)
    }
}

@Suite struct WorkSchedulerTests {
    actor Log {
        var events: [String] = []
        func add(_ event: String) { events.append(event) }
    }

    /// Waits until `count` tasks wait in `scheduler`: each test orders its requests by what the
    /// scheduler has seen, never by how soon a task happens to be scheduled. The deadline only
    /// fails a task that never asks.
    func waitUntil(_ scheduler: WorkScheduler, hasWaiting count: Int) async {
        let deadline = ContinuousClock.now + .seconds(300)
        while await scheduler.waiting < count && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(2))
        }
        #expect(await scheduler.waiting == count, "\(count) tasks should wait")
    }

    @Test func anExclusiveRunWaitsUntilNothingElseRunsOrWaits() async {
        let scheduler = WorkScheduler(compileSlots: 1, runSlots: 4)
        let log = Log()
        await scheduler.acquire(.run)
        await log.add("run start")
        await scheduler.acquire(.compile)
        await log.add("compile 1 start")
        let exclusive = Task {
            await scheduler.acquire(.exclusiveRun)
            await log.add("exclusive start")
            // Room for anything that wrongly starts beside it to show in the log.
            try? await Task.sleep(for: .milliseconds(30))
            await log.add("exclusive end")
            await scheduler.release(.exclusiveRun)
        }
        await waitUntil(scheduler, hasWaiting: 1)
        // A compile asked for after the exclusive run still goes first: the build goes on.
        let compile = Task {
            await scheduler.acquire(.compile)
            await log.add("compile 2 start")
            try? await Task.sleep(for: .milliseconds(30))
            await log.add("compile 2 end")
            await scheduler.release(.compile)
        }
        await waitUntil(scheduler, hasWaiting: 2)
        await log.add("compile 1 end")
        await scheduler.release(.compile)
        await log.add("run end")
        await scheduler.release(.run)
        await exclusive.value
        await compile.value
        let events = await log.events
        func at(_ event: String) -> Int { events.firstIndex(of: event) ?? -1 }
        #expect(at("exclusive start") > at("run end"))
        #expect(at("exclusive start") > at("compile 2 end"))
        #expect(at("compile 2 start") > at("compile 1 end"))
        #expect(at("exclusive end") == at("exclusive start") + 1)
    }

    @Test func aDeferredCompileYieldsToCompilesAskedForLater() async {
        let scheduler = WorkScheduler(compileSlots: 1, runSlots: 4)
        let log = Log()
        await scheduler.acquire(.compile)
        let exclusive = Task {
            await scheduler.acquire(.exclusiveRun)
            await log.add("exclusive")
            await scheduler.release(.exclusiveRun)
        }
        let deferred = Task {
            await scheduler.acquire(.deferredCompile)
            await log.add("deferred")
            await scheduler.release(.deferredCompile)
        }
        await waitUntil(scheduler, hasWaiting: 2)
        let compile = Task {
            await scheduler.acquire(.compile)
            await log.add("compile")
            await scheduler.release(.compile)
        }
        await waitUntil(scheduler, hasWaiting: 3)
        await scheduler.release(.compile)
        await exclusive.value
        await deferred.value
        await compile.value
        // The compile asked for last starts first; the exclusive run waits for the deferred work.
        #expect(await log.events == ["compile", "deferred", "exclusive"])
    }

    /// Whether `operation` finishes within `seconds`; one that never does fails the test
    /// instead of hanging it (its task is left suspended). The deadline only fails a hang: a
    /// busy test run may leave a task unscheduled for a long time.
    func finishes(within seconds: Double = 300, _ operation: @escaping @Sendable () async -> Void) async -> Bool {
        let done = Log()
        Task {
            await operation()
            await done.add("done")
        }
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            if await !done.events.isEmpty { return true }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return false
    }

    @Test func slotsLimitConcurrentWork() async {
        let scheduler = WorkScheduler(compileSlots: 1, runSlots: 1)
        await scheduler.acquire(.compile)
        let log = Log()
        let second = Task {
            await scheduler.acquire(.compile)
            await log.add("second compile")
        }
        // Asked for, and waiting: not started while the only compile slot is taken.
        await waitUntil(scheduler, hasWaiting: 1)
        #expect(await log.events.isEmpty, "a second compile started while the only compile slot was taken")
        // A run does not wait for a compile slot.
        #expect(await finishes { await scheduler.acquire(.run) }, "a run waited for a compile slot")
        // Once the slot is free, the waiting compile starts.
        await scheduler.release(.compile)
        #expect(await finishes { await second.value }, "the waiting compile never started")
        #expect(await log.events == ["second compile"])
    }
}
