import Testing
@testable import TutorialBuild
@testable import TutorialModel

/// A build's compiles start in the order it expects (longest runs first), whatever order the
/// examples' tasks reach the scheduler in.
extension WorkSchedulerTests {
    @Test func compilesStartInTheExpectedOrderWhateverOrderTheyArrive() async {
        let scheduler = WorkScheduler(compileSlots: 1, runSlots: 4)
        await scheduler.expectCompiles(inOrder: ["long", "middle", "short"])
        let log = Log()
        func compile(_ name: String) -> Task<Void, Never> {
            Task {
                await scheduler.acquire(.compile, key: name)
                await log.add(name)
                await scheduler.release(.compile)
            }
        }
        // The short and the middle one ask first, with the slot free: they wait for the long one.
        let short = compile("short")
        await waitUntil(scheduler, hasWaiting: 1)
        let middle = compile("middle")
        await waitUntil(scheduler, hasWaiting: 2)
        #expect(await log.events.isEmpty)
        let long = compile("long")
        for task in [short, middle, long] { await task.value }
        #expect(await log.events == ["long", "middle", "short"])
    }

    @Test func aWithdrawnCompileHoldsNothingUp() async {
        let scheduler = WorkScheduler(compileSlots: 2, runSlots: 4)
        await scheduler.expectCompiles(inOrder: ["cached", "edited"])
        let log = Log()
        let edited = Task {
            await scheduler.acquire(.compile, key: "edited")
            await log.add("edited")
            await scheduler.release(.compile)
        }
        await waitUntil(scheduler, hasWaiting: 1)
        // Its program came from the cache: it never asks.
        await scheduler.withdraw("cached")
        await edited.value
        #expect(await log.events == ["edited"])
        // A compile the build did not expect (the notebook's, a second compile) never waits.
        await scheduler.acquire(.compile, key: "other")
        await scheduler.acquire(.compile, key: "edited")
        #expect(await scheduler.waiting == 0)
    }

    @Test func theHintReadsLiteralSleeps() {
        #expect(RunTimeHint.seconds(in: "Thread.sleep(forTimeInterval: 2)\nprint(1)") == 2)
        #expect(RunTimeHint.seconds(in: "sleep(1); usleep(500_000)") == 1.5)
        #expect(abs(RunTimeHint.seconds(in: "try await Task.sleep(nanoseconds: 250_000_000)") - 0.25) < 1e-9)
        #expect(abs(RunTimeHint.seconds(in: "try await Task.sleep(for: .milliseconds(300))") - 0.3) < 1e-9)
        #expect(RunTimeHint.seconds(in: "try await Task.sleep(for: .seconds(3))") == 3)
        // A computed duration is not followed; a word that only ends in "sleep" is no call.
        #expect(RunTimeHint.seconds(in: "Thread.sleep(forTimeInterval: delay)\noversleep(4)") == 0)
    }
}

extension WorkSchedulerTests {
    /// Highlighting (deferred work) must not take a slot from a compile the build expects but
    /// whose example is still looking in the cache.
    @Test func deferredWorkWaitsForExpectedCompiles() async {
        let scheduler = WorkScheduler(compileSlots: 1, runSlots: 4)
        await scheduler.expectCompiles(inOrder: ["first"])
        let log = Log()
        let deferred = Task {
            await scheduler.acquire(.deferredCompile)
            await log.add("deferred")
            await scheduler.release(.deferredCompile)
        }
        await waitUntil(scheduler, hasWaiting: 1)
        await scheduler.acquire(.compile, key: "first")
        await log.add("first")
        await scheduler.release(.compile)
        await deferred.value
        #expect(await log.events == ["first", "deferred"])
    }
}
