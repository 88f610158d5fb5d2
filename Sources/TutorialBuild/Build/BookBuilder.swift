import Foundation
import TutorialCheck
import TutorialExecution
import TutorialModel
import TutorialRender
import TutorialSite

/// The result of a build.
public struct BuildReport: Sendable {
    /// Each example's verdict, in book order.
    public var verdicts: [ExampleVerdict]
    /// Every problem, in book order: loading, cells, compiling, running, checking output.
    public var diagnostics: [Diagnostic]
    /// What the build did and when (``BuildTimeline``), in the order the steps started.
    public var timeline: [BuildTimeline.Span] = []
    /// How each flavour of the book's dependency build went (none without `packages/Package.swift`).
    package var dependencies: [DependencyBuild] = []

    /// True when the whole book built and every example did what it must.
    public var succeeded: Bool {
        !diagnostics.contains { $0.severity == .error }
    }
}

/// Builds a book in stages: compile and run its examples (in parallel, from the cache where it
/// can), check each one's outcome against what its cells and slots say, then render the pages
/// and write the site in named steps.
public struct BookBuilder: Sendable {
    var project: Project

    public init(project: Project) {
        self.project = project
    }

    /// Runs the whole pipeline; with `writeSite` false it only checks (`tutorial check`).
    public func build(
        writeSite: Bool = true, rerun: RerunPolicy = .none,
        events: @escaping @Sendable (BuildEvent) -> Void = { _ in }
    ) async throws(DiagnosticsError) -> BuildReport {
        let timeline = BuildTimeline()
        let began = Date().timeIntervalSince1970
        if let start = BuildTimeline.processStart {
            timeline.add(BuildTimeline.Span(kind: "start-up", name: "tool", start: start, end: began))
        }
        let runner = await project.makeRunner()
        let sharing = project.settings.sharing
        let examples = try await BookSharing.examples(of: project, runner: runner)
        timeline.record("start-up", "runner", since: began)
        // The dependencies are built before any example compiles against them; with
        // --cached-only nothing is built (an example the cache lacks fails all the same).
        let dependencies = sharing.cachedOnly ? [] : try await DependencyStep.run(runner, examples: examples, timeline: timeline, events: events)
        let writeSite = writeSite && sharing.shard == nil
        let plans = project.book.chapters.map { ChapterPlan(chapter: $0, catalog: project.catalog) }
        let pipeline = ExamplePipeline(project: project, runner: runner, plans: plans)
        // The order of compiles is given before highlighting may ask for a slot: it must not take
        // one from a compile whose example is still looking in the cache.
        let order = compileOrder(examples)
        await pipeline.scheduler.expectCompiles(inOrder: order.filter { !examples[$0].isExclusive }.map { examples[$0].name })
        async let highlighted: Void = writeSite ? highlightAhead(scheduler: pipeline.scheduler, timeline: timeline) : ()
        let verdicts = await timeline.measure("examples", "all") {
            await runAll(examples, order: order, pipeline: pipeline, rerun: sharing.cachedOnly ? .none : rerun, events: events)
        }
        await highlighted
        timeline.addExamples(verdicts)
        if sharing.shard == nil {
            // Programs of examples that changed since are of no more use (a shard sees only its part).
            project.settings.cache.prune(keeping: Set(verdicts.map { URL(fileURLWithPath: $0.outcome.prepared.directory).lastPathComponent }))
            await ShardTimings.save(verdicts, project: project, remote: runner.remote)
        }

        var diagnostics = project.diagnostics
        // Grouped once by file: filtering the whole book's lists for each chapter grows with
        // the square of the book.
        let catalogFound = Dictionary(grouping: project.catalog.diagnostics) { $0.file }
        let verdictsFound = Dictionary(grouping: verdicts) { $0.example.file }
        for plan in plans {
            let path = plan.chapter.path
            let found = plan.diagnostics + (catalogFound[path] ?? []) + (verdictsFound[path] ?? []).flatMap(\.diagnostics)
            // In the order of the file, as a compiler lists them.
            diagnostics += found.enumerated().sorted { ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset) }.map(\.element)
        }
        // A machine where ThreadSanitizer cannot run is said once, not once per example.
        let unavailable = diagnostics.firstIndex { $0.category == .sanitizerUnavailable }
        diagnostics = diagnostics.enumerated().filter { index, diagnostic in
            index == unavailable || diagnostic.category != .sanitizerUnavailable
        }.map(\.element)
        diagnostics += BookSharing.warnings(runner)
        if writeSite {
            let machine = MachineInfo.current(compilerVersion: runner.compilerVersion)
            let files = try site(plans: plans, verdicts: verdicts, machine: machine, timeline: timeline)
            try timeline.measure("write", "site") { () throws(DiagnosticsError) in try SiteWriter(output: project.settings.output).write(files) }
        }
        return BuildReport(verdicts: verdicts, diagnostics: diagnostics, timeline: timeline.recorded, dependencies: dependencies)
    }

    /// Every file of the site, made by the ``SiteStep/standard`` steps. A page whose inputs did
    /// not change since a build comes from the page cache: neither highlighted nor rendered again.
    func site(
        plans: [ChapterPlan], verdicts: [ExampleVerdict], machine: MachineInfo, steps: [SiteStep] = SiteStep.standard,
        timeline: BuildTimeline = BuildTimeline()
    ) throws(DiagnosticsError) -> [String: Data] {
        let renderer = try SiteRenderer(theme: try Theme.load(overrides: project.settings.themeDirectory), machine: machine)
        let pages = PageCache(cache: project.settings.cache)
        let highlights = HighlightCache(cache: project.settings.cache)
        defer { highlights.trim() }
        var site = SiteBuild(
            project: project, plans: plans, verdicts: Dictionary(uniqueKeysWithValues: verdicts.map { ($0.example.name, $0) }),
            renderer: renderer, navigation: renderer.navigationKey(project.book), pages: pages, highlights: highlights)
        for step in steps {
            try timeline.measure("site", step.name) { () throws(DiagnosticsError) in try step.run(&site) }
        }
        pages.prune(keeping: site.pageKeys)
        return site.files
    }

    /// Highlights the book's code that the highlight cache lacks, ahead of rendering and in
    /// `jobs` parts, as deferred compile work: it fills the cores while the last examples run,
    /// and it is done before the exclusive runs, which nothing may disturb.
    func highlightAhead(scheduler: WorkScheduler, timeline: BuildTimeline = BuildTimeline()) async {
        let highlights = HighlightCache(cache: project.settings.cache)
        var seen: Set<String> = []
        let chapters = project.book.chapters.filter { !highlights.holdsChapter($0.sourceHash) }
        let missing = chapters.flatMap(\.document.blocks)
            .filter { BlockRole(of: $0) != .slot }
            .map(\.body)
            .filter { seen.insert($0).inserted && !highlights.holds($0) }
        let parts = min(project.settings.jobs, missing.count)
        await withTaskGroup(of: Void.self) { group in
            for part in 0..<parts {
                let codes = stride(from: part, to: missing.count, by: parts).map { missing[$0] }
                group.addTask {
                    await scheduler.perform(.deferredCompile) {
                        // Parsing is long CPU work: it gets a thread of its own, not one of the pool's.
                        await timeline.measure("highlight", "part \(part + 1) of \(parts)") {
                            await BlockingWork.run { for code in codes { _ = highlights.html(code) } }
                        }
                    }
                }
            }
        }
        for chapter in chapters { highlights.markChapter(chapter.sourceHash) }
    }

    /// The order in which `examples` compile (indices): those that took longest last time (or,
    /// when no build timed them, whose cells sleep longest: ``RunTimeHint``) first, so that their
    /// runs overlap the other compiles; exclusive examples last, since their runs wait for
    /// everything else anyway.
    func compileOrder(_ examples: [Example]) -> [Int] {
        let known = ShardTimings.read("\(project.settings.cache.root)/\(ShardTimings.fileName)") ?? [:]
        let expected = examples.indices.filter { !examples[$0].isExclusive }.map { index in
            (index, known[examples[index].name] ?? RunTimeHint.seconds(examples[index]))
        }.sorted { ($0.1, $1.0) > ($1.1, $0.0) }.map(\.0)
        return expected + examples.indices.filter { examples[$0].isExclusive }
    }

    /// Compiles and runs `examples` as the scheduler allows, starting them in `order`: compiles
    /// `jobs` at a time, runs more at once (sleeping examples overlap), exclusive runs alone.
    /// Results keep book order.
    func runAll(
        _ examples: [Example], order: [Int], pipeline: ExamplePipeline, rerun: RerunPolicy,
        events: @escaping @Sendable (BuildEvent) -> Void
    ) async -> [ExampleVerdict] {
        var progress = ExamplePipeline.Watch()
        progress.progress = events
        let watch = progress
        return await withTaskGroup(of: (Int, ExampleVerdict).self) { group in
            for index in order {
                let example = examples[index]
                group.addTask {
                    (index, await pipeline.process(example, rerun: rerun.applies(to: example.name), watch: watch))
                }
            }
            var results: [ExampleVerdict?] = Array(repeating: nil, count: examples.count)
            var finished = 0
            for await (index, verdict) in group {
                results[index] = verdict
                finished += 1
                events(.finished(verdict, position: finished, total: examples.count))
            }
            return results.compactMap { $0 }
        }
    }
}
