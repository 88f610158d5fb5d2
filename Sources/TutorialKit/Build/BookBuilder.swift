import Foundation

/// The result of a build.
public struct BuildReport: Sendable {
    public var outcomes: [ExampleOutcome]
    /// Every problem, in book order: loading, cells, compiling, running, checking output.
    public var diagnostics: [Diagnostic]

    /// True when the whole book built and every example did what it must.
    public var succeeded: Bool {
        !diagnostics.contains { $0.severity == .error }
    }
}

/// Builds a book: compiles and runs its examples in parallel, checks their output, renders its
/// pages and writes the site.
public struct BookBuilder: Sendable {
    public var project: Project

    public init(project: Project) {
        self.project = project
    }

    /// Runs the whole pipeline; with `writeSite` false it only checks (`tutorial check`).
    public func build(
        writeSite: Bool = true, rerun: RerunPolicy = .none,
        events: @escaping @Sendable (BuildEvent) -> Void = { _ in }
    ) async throws(DiagnosticsError) -> BuildReport {
        let runner = await project.makeRunner()
        let jobs = project.settings.jobs
        let scheduler = WorkScheduler(compileSlots: jobs, runSlots: max(jobs * 4, 8))
        async let highlighted: Void = writeSite ? highlightAhead(scheduler: scheduler) : ()
        let outcomes = await runAll(project.catalog.examples, runner: runner, scheduler: scheduler, rerun: rerun, events: events)
        await highlighted
        // Programs of examples that changed since are of no more use.
        project.settings.cache.prune(keeping: Set(outcomes.map { URL(fileURLWithPath: $0.prepared.directory).lastPathComponent }))
        let byName = Dictionary(uniqueKeysWithValues: outcomes.map { ($0.example.name, $0) })

        var diagnostics = project.diagnostics
        var layouts: [ChapterLayout] = []
        for chapter in project.book.chapters {
            let layout = ChapterLayout(chapter: chapter, catalog: project.catalog, outcomes: byName)
            var found = layout.diagnostics + project.catalog.diagnostics.filter { $0.file == chapter.path }
            for outcome in outcomes where outcome.example.file == chapter.path {
                found += outcome.diagnostics
            }
            // In the order of the file, as a compiler lists them.
            diagnostics += found.enumerated().sorted { ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset) }.map(\.element)
            layouts.append(layout)
        }
        if writeSite {
            try SiteWriter(output: project.settings.output).write(try site(layouts: layouts, outcomes: outcomes))
        }
        return BuildReport(outcomes: outcomes, diagnostics: diagnostics)
    }

    /// Every file of the site. A page whose inputs did not change since a build comes from the
    /// page cache: neither highlighted nor rendered again.
    func site(layouts: [ChapterLayout], outcomes: [ExampleOutcome]) throws(DiagnosticsError) -> [String: Data] {
        let book = project.book
        let renderer = try SiteRenderer(theme: try Theme.load(overrides: project.settings.themeDirectory))
        let pages = PageCache(cache: project.settings.cache)
        let highlights = HighlightCache(cache: project.settings.cache)
        defer { highlights.trim() }
        let navigation = renderer.navigationKey(book)
        var files = renderer.assets()
        var keys: Set<String> = []
        var searchKey = StableHash()
        searchKey.combine("search \(ExampleRunner.toolVersion) \(book.introductionHash)")
        for chapter in book.chapters { searchKey.combine("\(chapter.pageName) \(chapter.sourceHash)") }
        keys.insert(searchKey.hex)
        files[SearchIndex.fileName] = pages.page(searchKey.hex) { SearchIndex.script(for: book) }
        for example in project.catalog.examples {
            files[ExampleSources.path(for: example)] = Data(ExampleSources.source(for: example).utf8)
        }

        var index = StableHash()
        index.combine(navigation)
        index.combine("index \(book.introductionHash)")
        keys.insert(index.hex)
        files["index.html"] = pages.page(index.hex) { renderer.indexPage(book) }

        for (position, chapter) in book.chapters.enumerated() {
            var key = StableHash()
            key.combine(navigation)
            key.combine("chapter \(position) \(chapter.sourceHash)")
            for outcome in outcomes where outcome.example.file == chapter.path {
                // Which program ran, and which run of it: a new run is new output.
                key.combine("\(outcome.prepared.directory) \(outcome.prepared.compile?.startedAt ?? 0) \(outcome.run?.startedAt ?? 0)")
            }
            keys.insert(key.hex)
            let examples = project.catalog.examples.filter { $0.file == chapter.path }
            files[chapter.pageName] = pages.page(key.hex) {
                renderer.chapterPage(
                    book, index: position, content: PageRenderer.html(layouts[position], highlight: highlights.html), examples: examples)
            }
        }
        pages.prune(keeping: keys)
        return files
    }

    /// Highlights the book's code that the highlight cache lacks, ahead of rendering and in
    /// `jobs` parts, as deferred compile work: it fills the cores while the last examples run,
    /// and it is done before the exclusive runs, which nothing may disturb.
    func highlightAhead(scheduler: WorkScheduler) async {
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
                        await BlockingWork.run { for code in codes { _ = highlights.html(code) } }
                    }
                }
            }
        }
        for chapter in chapters { highlights.markChapter(chapter.sourceHash) }
    }

    /// Compiles and runs `examples` as the scheduler allows: compiles `jobs` at a time, runs
    /// more at once (sleeping examples overlap), exclusive runs alone. Exclusive examples are
    /// compiled last, since their runs wait for everything else anyway. Results keep book order.
    func runAll(
        _ examples: [Example], runner: ExampleRunner, scheduler: WorkScheduler, rerun: RerunPolicy,
        events: @escaping @Sendable (BuildEvent) -> Void
    ) async -> [ExampleOutcome] {
        let order = examples.indices.filter { !examples[$0].isExclusive } + examples.indices.filter { examples[$0].isExclusive }
        return await withTaskGroup(of: (Int, ExampleOutcome).self) { group in
            for index in order {
                let example = examples[index]
                group.addTask {
                    (index, await Self.process(example, runner: runner, scheduler: scheduler, rerun: rerun.applies(to: example.name), events: events))
                }
            }
            var results: [ExampleOutcome?] = Array(repeating: nil, count: examples.count)
            var finished = 0
            for await (index, outcome) in group {
                results[index] = outcome
                finished += 1
                events(.finished(outcome, position: finished, total: examples.count))
            }
            return results.compactMap { $0 }
        }
    }

    /// One example, from the cache where it can: compile, then run.
    static func process(
        _ example: Example, runner: ExampleRunner, scheduler: WorkScheduler, rerun: Bool,
        events: @Sendable (BuildEvent) -> Void
    ) async -> ExampleOutcome {
        var prepared = await runner.prepare(example, onlyFromCache: true)
        if !prepared.cached {
            prepared = await scheduler.perform(example.isExclusive ? .deferredCompile : .compile) {
                events(.compiling(example.name))
                defer { events(.paused(example.name)) }
                return await runner.prepare(example)
            }
        }
        guard prepared.hasProgram else { return ExampleOutcome(prepared: prepared, run: nil) }
        if !rerun, let result = runner.cachedResult(for: prepared) {
            return ExampleOutcome(prepared: prepared, run: result, runCached: true)
        }
        let result = await scheduler.perform(example.isExclusive ? .exclusiveRun : .run) {
            events(.running(example.name))
            defer { events(.paused(example.name)) }
            return await runner.run(prepared)
        }
        runner.saveResult(result, for: prepared)
        return ExampleOutcome(prepared: prepared, run: result)
    }
}
