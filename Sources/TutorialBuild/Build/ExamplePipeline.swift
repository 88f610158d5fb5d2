import TutorialCheck
import TutorialExecution
import TutorialModel

/// The one way an example goes from cells to verdict, for `build`, `check`, `run` and the
/// notebook alike: compile (from the local, then the remote cache where it can), run as the
/// scheduler allows (every limit, `runs=N`, `tsan`), then check the outcome against the slots
/// that say what it must print. What differs between callers is only what they pass: the
/// runner (its cache, limits and remote), the scheduler's slots, and how they watch.
package struct ExamplePipeline: Sendable {
    var runner: ExampleRunner
    let scheduler: WorkScheduler
    let checker: BookChecker

    package init(runner: ExampleRunner, scheduler: WorkScheduler, checker: BookChecker) {
        self.runner = runner
        self.scheduler = scheduler
        self.checker = checker
    }

    /// The pipeline of a build of `project`: `jobs` compiles at once, more runs at once. `plans`
    /// are the book's chapter plans when the caller made them already.
    init(project: Project, runner: ExampleRunner, plans: [ChapterPlan]? = nil) {
        let jobs = project.settings.jobs
        let plans = plans ?? project.book.chapters.map { ChapterPlan(chapter: $0, catalog: project.catalog) }
        self.init(
            runner: runner, scheduler: WorkScheduler(compileSlots: jobs, runSlots: max(jobs * 4, 8)),
            checker: BookChecker(plans: plans))
    }

    /// The pipeline `tutorial run` uses for one example of `project`.
    package static func forRunning(_ project: Project) async -> ExamplePipeline {
        ExamplePipeline(project: project, runner: await project.makeRunner())
    }

    /// Builds (or takes from the cache) the book's dependencies that `examples` need, before
    /// they compile: throws the build's failure, which names the declaration.
    package func buildDependencies(
        for examples: [Example], events: @escaping @Sendable (BuildEvent) -> Void = { _ in }
    ) async throws(DiagnosticsError) -> [DependencyBuild] {
        try await DependencyStep.run(runner, examples: examples, events: events)
    }

    /// How a caller follows one example through the pipeline.
    package struct Watch: Sendable {
        /// Progress: compiling, running, paused.
        package var progress: @Sendable (BuildEvent) -> Void = { _ in }
        /// The compiler is done (from the cache or not), before anything runs.
        package var compiled: @Sendable (ExampleOutcome) -> Void = { _ in }
        /// Each line of the first run's output as soon as it is complete, with its cell.
        package var line: (@Sendable (Int, OutputLine) -> Void)?
        /// The first run's output goes straight to the terminal as it arrives.
        package var echo = false
        /// Asked while a run goes on: true ends it (and any run still to come) now.
        package var stopped: @Sendable () -> Bool = { false }

        /// A watch that sees nothing.
        package init() {}
    }

    /// One example: compiled and run (or taken from the cache, unless `rerun`), then checked.
    package func process(_ example: Example, rerun: Bool = false, watch: Watch = Watch()) async -> ExampleVerdict {
        checker.verdict(for: await outcome(of: example, rerun: rerun, watch: watch))
    }

    private func outcome(of example: Example, rerun: Bool, watch: Watch) async -> ExampleOutcome {
        let events = watch.progress
        func compile() async -> PreparedExample {
            let prepared = await scheduler.perform(example.isExclusive ? .deferredCompile : .compile, key: example.name) {
                events(.compiling(example.name))
                defer { events(.paused(example.name)) }
                return await runner.prepare(example)
            }
            await BookSharing.storeProgram(prepared, runner: runner)
            return prepared
        }
        // A cached program is taken on its size here, and hashed only if it is to run.
        var prepared = await runner.prepare(example, onlyFromCache: true, checkingProgram: false)
        // A remote cache may be slow to answer: the example gives up its place in the order of
        // compiles rather than hold up those after it.
        if !prepared.cached && runner.remote != nil { await scheduler.withdraw(example.name) }
        prepared = await BookSharing.fetchProgram(prepared, runner: runner)
        if !prepared.cached { prepared = await compile() } else { await scheduler.withdraw(example.name) }
        watch.compiled(ExampleOutcome(prepared: prepared, run: nil))
        // A compile_fail example is only compiled: its verdict never looks at a run.
        guard prepared.hasProgram, example.expectation != .failToCompile else { return ExampleOutcome(prepared: prepared, run: nil) }
        if !rerun, let result = await BookSharing.cachedResult(prepared, runner: runner) {
            return ExampleOutcome(prepared: prepared, run: result, runCached: true)
        }
        // A program whose bytes changed since it was compiled is compiled again, never run.
        if prepared.cached && !runner.programIsIntact(prepared) {
            prepared = await compile()
            // The new compile's messages are the ones to show.
            watch.compiled(ExampleOutcome(prepared: prepared, run: nil))
            guard prepared.hasProgram else { return ExampleOutcome(prepared: prepared, run: nil) }
        }
        let repeats = example.repeatCount - 1
        var result = await scheduler.perform(example.isExclusive ? .exclusiveRun : .run) {
            events(.running(example.name))
            defer { events(.paused(example.name)) }
            var result = await runner.run(prepared, echo: watch.echo, live: watch.line, stopped: watch.stopped)
            // An exclusive example's runs go one after another, inside its turn.
            if example.isExclusive && repeats > 0 {
                var summaries: [RunSummary] = []
                for _ in 0..<repeats { summaries.append(RunSummary(await runner.run(prepared, stopped: watch.stopped))) }
                result.repeats = summaries
            }
            return result
        }
        if !example.isExclusive && repeats > 0 {
            result.repeats = await repeatedRuns(prepared, count: repeats, watch: watch)
        }
        // A run ended from outside says nothing about the program: it is not kept.
        guard !watch.stopped() else { return ExampleOutcome(prepared: prepared, run: result) }
        runner.saveResult(result, for: prepared)
        await BookSharing.storeResult(prepared, runner: runner)
        return ExampleOutcome(prepared: prepared, run: result)
    }

    /// Runs a program `count` more times, at most `jobs` at once (each in a run slot of the
    /// scheduler), and condenses each run for comparison.
    private func repeatedRuns(_ prepared: PreparedExample, count: Int, watch: Watch) async -> [RunSummary] {
        let (runner, scheduler, stopped) = (runner, scheduler, watch.stopped)
        let width = max(runner.parallelRuns, 1)
        watch.progress(.running(prepared.example.name))
        defer { watch.progress(.paused(prepared.example.name)) }
        return await withTaskGroup(of: (Int, RunSummary).self) { group in
            var summaries: [RunSummary?] = Array(repeating: nil, count: count)
            var next = 0
            func start(_ index: Int) {
                group.addTask { (index, RunSummary(await scheduler.perform(.run) { await runner.run(prepared, stopped: stopped) })) }
            }
            while next < min(width, count) { start(next); next += 1 }
            for await (index, summary) in group {
                summaries[index] = summary
                if next < count { start(next); next += 1 }
            }
            return summaries.compactMap { $0 }
        }
    }
}
