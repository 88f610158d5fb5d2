import Testing
@testable import TutorialKit

@Suite struct CacheKeyTests {
    func example(_ source: String) -> Example {
        let document = BookLoader(chaptersDirectory: "unused").parser.parse(source)
        let chapter = Chapter(path: "chapters/01-demo.md", number: 1, slug: "demo", title: "Demo", document: document)
        return ExampleCatalog(book: Book(title: "T", introduction: nil, chapters: [chapter], chaptersDirectory: "chapters")).examples[0]
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
            compile: CompileOutcome(succeeded: false, log: log, duration: 1), typeChecks: [:], programSize: nil, cellLines: [2])
        let moved = record.relocated(to: after)
        #expect(moved.compile?.log.hasPrefix("chapters/01-demo.md:5:14: error: cannot convert value\n") == true)
        #expect(moved.cellLines == [5])
    }
}

@Suite struct WorkSchedulerTests {
    actor Log {
        var events: [String] = []
        func add(_ event: String) { events.append(event) }
    }

    @Test func anExclusiveRunWaitsForOthersAndBlocksNewWork() async {
        let scheduler = WorkScheduler(compileSlots: 2, runSlots: 4)
        let log = Log()
        await scheduler.acquire(.run)
        await log.add("run 1 start")
        let exclusive = Task {
            await scheduler.acquire(.exclusiveRun)
            await log.add("exclusive start")
            await scheduler.release(.exclusiveRun)
            await log.add("exclusive end")
        }
        // Let the exclusive run queue up, then ask for a compile: it must wait its turn.
        while await log.events.count < 1 { await Task.yield() }
        try? await Task.sleep(for: .milliseconds(50))
        let compile = Task {
            await scheduler.acquire(.compile)
            await log.add("compile start")
            await scheduler.release(.compile)
        }
        try? await Task.sleep(for: .milliseconds(50))
        await log.add("run 1 end")
        await scheduler.release(.run)
        await exclusive.value
        await compile.value
        let events = await log.events
        #expect(events.firstIndex(of: "exclusive start")! > events.firstIndex(of: "run 1 end")!)
        #expect(events.firstIndex(of: "compile start")! > events.firstIndex(of: "exclusive start")!)
    }

    @Test func slotsLimitConcurrentWork() async {
        let scheduler = WorkScheduler(compileSlots: 1, runSlots: 1)
        await scheduler.acquire(.compile)
        let second = Task { await scheduler.acquire(.compile); return true }
        try? await Task.sleep(for: .milliseconds(50))
        // A run does not wait for a compile slot.
        await scheduler.acquire(.run)
        await scheduler.release(.compile)
        #expect(await second.value)
    }
}
