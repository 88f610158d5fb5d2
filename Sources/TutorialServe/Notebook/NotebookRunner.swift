import Foundation
import Synchronization
import TutorialBuild
import TutorialCheck
import TutorialExecution
import TutorialModel
import TutorialRender

/// What a served page asks to run: an example, with the code of some of its cells edited.
struct NotebookRequest: Decodable, Sendable {
    var example: String
    /// The edited code, by the cell's index in the example ("3": "print(1)").
    var cells: [String: String]
    /// The page's name for the run, to stop it by.
    var run: String?
}

/// Runs edited examples for `tutorial serve`'s notebook through the build's own
/// ``ExamplePipeline``: the same generated program, flags, limits, `runs=N` and process clean-up
/// as a build, but as the learner's run (``Example/asLearnersRun(hiddenCode:)``): no expected
/// output, no `compile_fail`/`should_fail`/`expect_*` verdicts, no hidden checks (``CheckStripper``).
/// Cached by content (in a folder of
/// the cache that the book's builds never prune), at most two examples at once. Events go to
/// the page as they happen: compiling, the compiler's messages placed in the edited cells, each
/// line of output as it arrives, and at the end the output blocks rendered as a build renders
/// them, with the build's diagnostics.
public actor NotebookRunner {
    /// How many examples compile or run at once, and how many more may wait for their turn.
    static let slots = 2
    static let queueLimit = 6

    private var project: Project
    /// The theme's renderer, or why the theme cannot render (said to the page, never a blank block).
    private var renderer: Result<SiteRenderer, DiagnosticsError>
    /// Whose turn it is: at most ``slots`` examples at once, the others wait in arrival order.
    private let turns = WorkScheduler(compileSlots: 1, runSlots: slots)
    /// The slots every notebook run's compiles and runs share (a `runs=N` example's runs
    /// included): at most ``slots`` processes at once, whatever the number of requests.
    private let work = WorkScheduler(compileSlots: slots, runSlots: slots)
    private var stops: [String: Stopper] = [:]

    public init(project: Project) {
        self.project = project
        self.renderer = Self.renderer(for: project)
    }

    /// The book as it is after a rebuild.
    public func update(_ project: Project) {
        self.project = project
        renderer = Self.renderer(for: project)
    }

    private static func renderer(for project: Project) -> Result<SiteRenderer, DiagnosticsError> {
        Result { () throws(DiagnosticsError) in try SiteRenderer(theme: Theme.load(overrides: project.settings.themeDirectory)) }
    }

    /// Ends the run the page named `id`, with every process it started.
    func stop(_ id: String) {
        stops[id]?.stop()
    }

    /// Runs `request`, handing each event to `send`, which returns false once the page has gone
    /// (the run is then stopped).
    func run(_ request: NotebookRequest, send: @escaping @Sendable (NotebookEvent) -> Bool) async {
        let stopper = Stopper()
        let id = request.run ?? UUID().uuidString
        stops[id] = stopper
        defer { stops[id] = nil }
        // The book and its theme as they are when the request came, together.
        let (project, renderer) = (project, renderer)
        await turns.acquire(.run, waiting: { ahead in _ = send(.queued(ahead: ahead)) })
        if !stopper.isStopped {
            await run(request, project: project, renderer: renderer, stopper: stopper, send: send)
        }
        await turns.release(.run)
    }

    private func run(
        _ request: NotebookRequest, project: Project, renderer theme: Result<SiteRenderer, DiagnosticsError>, stopper: Stopper,
        send: @escaping @Sendable (NotebookEvent) -> Bool
    ) async {
        guard let original = project.catalog.example(named: request.example),
              let chapter = project.book.chapters.first(where: { $0.path == original.file }) else {
            _ = send(.error("no example named '\(request.example)'"))
            return
        }
        let renderer: SiteRenderer
        switch theme {
        case .success(let theme): renderer = theme
        case .failure(let error):
            _ = send(.error("the theme cannot render the output: \(error.description)"))
            return
        }
        // The learner's run: the author's verdicts and hidden checks belong to the book's build.
        // An exercise keeps its checks: they are what the learner's code must pass.
        var example = original.asLearnersRun(hiddenCode: original.isExercise ? { $0 } : CheckStripper.strip)
        for (key, code) in request.cells {
            // A hidden cell is the author's: the page cannot edit it.
            guard let index = Int(key), example.cells.indices.contains(index), !example.isHidden(index) else { continue }
            example.cells[index].block.body = code.hasSuffix("\n") || code.isEmpty ? code : code + "\n"
        }
        // Every limit a build applies (time, memory, disk, runs at once); its own cache, never
        // shared with other machines.
        var runner = await project.makeRunner()
        runner.cache = ProgramCache(root: "\(project.settings.cache.root)/notebook")
        runner.remote = nil
        let plans = project.book.chapters.map { ChapterPlan(chapter: $0, catalog: project.catalog).withoutExpectedOutput() }
        let pipeline = ExamplePipeline(
            runner: runner, scheduler: work,
            checker: BookChecker(plans: plans))
        _ = send(.compiling)
        var watch = ExamplePipeline.Watch()
        watch.compiled = { outcome in
            _ = send(.compiled(
                seconds: outcome.prepared.compileDuration, cached: outcome.prepared.cached, errors: NotebookEvent.cellMessages(outcome)))
        }
        let styler = LiveLineStyler()
        watch.line = { cell, line in
            let html = styler.html(line.text, stream: line.stream)
            if !send(.line(cell: cell, stream: line.stream, text: line.text, html: html, time: line.time)) { stopper.stop() }
        }
        watch.stopped = { stopper.isStopped }
        let ticking = Task {
            // A page that left is noticed even while the program prints nothing.
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                if !send(.tick) { stopper.stop() }
            }
        }
        // A learner's Run always runs: a result from the cache would not show the output arriving.
        let verdict = await pipeline.process(example, rerun: true, watch: watch)
        ticking.cancel()
        let plan = plans.first { $0.chapter.path == chapter.path } ?? ChapterPlan(chapter: chapter, catalog: project.catalog).withoutExpectedOutput()
        _ = send(done(verdict, plan: plan, renderer: renderer, edited: request.cells.keys.compactMap { Int($0) }, stopped: stopper.isStopped))
        trim(runner.cache)
    }

    /// The last event: each place of the example's output rendered as a build renders it, and
    /// the edited cells highlighted.
    private func done(
        _ verdict: ExampleVerdict, plan: ChapterPlan, renderer: SiteRenderer, edited: [Int], stopped: Bool
    ) -> NotebookEvent {
        let name = verdict.example.name
        var places: [NotebookEvent.Place] = []
        for placement in plan.placements where placement.cells.contains(where: { $0.example == name }) {
            let own = ChapterPlan.Placement(
                cells: placement.cells.filter { $0.example == name }, slot: placement.slot, expected: placement.expected)
            let html = PageRenderer.blocks(own, verdicts: [name: verdict]).map { renderer.output.html($0) }.joined()
            places.append(.init(cells: placement.cells.map { "\($0.example):\($0.index)" }.joined(separator: " "), html: html))
        }
        let code = edited.filter(verdict.example.cells.indices.contains).map { index in
            NotebookEvent.Code(cell: index, html: SwiftHighlighter.html(verdict.example.cells[index].code))
        }
        var ending = verdict.outcome.run?.termination.summary ?? (verdict.outcome.prepared.hasProgram ? "" : "did not compile")
        if stopped { ending = "stopped" }
        // What a build would say of this run, as it says it.
        let problems = verdict.diagnostics.map(\.description)
        var done = NotebookEvent.Done(places: places, code: code, ending: ending, problems: problems, succeeded: verdict.succeeded && !stopped)
        if verdict.example.isExercise && !stopped {
            done.exercise = .init(verdict)
        }
        return .done(done)
    }

    /// Keeps the notebook's programs to the newest hundred.
    private func trim(_ cache: ProgramCache) {
        let folder = "\(cache.root)/programs"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder), names.count > 100 else { return }
        let dated = names.map { name -> (String, Date) in
            let date = (try? FileManager.default.attributesOfItem(atPath: "\(folder)/\(name)")[.modificationDate] as? Date) ?? .distantPast
            return (name, date)
        }.sorted { $0.1 > $1.1 }
        for (name, _) in dated.dropFirst(100) { try? FileManager.default.removeItem(atPath: "\(folder)/\(name)") }
    }
}

/// A flag that ends a run, set from any thread.
final class Stopper: Sendable {
    private let flag = Atomic(false)
    func stop() { flag.store(true, ordering: .relaxed) }
    var isStopped: Bool { flag.load(ordering: .relaxed) }
}
