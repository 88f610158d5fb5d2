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
    /// `progress` receives a line per finished example.
    public func build(
        writeSite: Bool = true, progress: @escaping @Sendable (String) -> Void = { _ in }
    ) async throws(DiagnosticsError) -> BuildReport {
        let runner = await project.makeRunner()
        let outcomes = await runAll(project.catalog.examples, runner: runner, progress: progress)
        let byName = Dictionary(uniqueKeysWithValues: outcomes.map { ($0.example.name, $0) })

        var diagnostics = project.diagnostics
        var contents: [String] = []
        for chapter in project.book.chapters {
            let layout = ChapterLayout(chapter: chapter, catalog: project.catalog, outcomes: byName)
            var found = layout.diagnostics + project.catalog.diagnostics.filter { $0.file == chapter.path }
            for outcome in outcomes where outcome.example.file == chapter.path {
                found += outcome.diagnostics
            }
            // In the order of the file, as a compiler lists them.
            diagnostics += found.enumerated().sorted { ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset) }.map(\.element)
            if writeSite { contents.append(PageRenderer.html(layout)) }
        }
        if writeSite {
            let files = try SiteRenderer(theme: try Theme.builtIn()).render(book: project.book, chapterContents: contents)
            try SiteWriter(output: project.settings.output).write(files)
        }
        return BuildReport(outcomes: outcomes, diagnostics: diagnostics)
    }

    /// Compiles and runs `examples`, at most `jobs` at a time, keeping the book's order.
    func runAll(
        _ examples: [Example], runner: ExampleRunner, progress: @escaping @Sendable (String) -> Void
    ) async -> [ExampleOutcome] {
        let jobs = project.settings.jobs
        let width = examples.map(\.name.count).max() ?? 0
        return await withTaskGroup(of: (Int, ExampleOutcome).self) { group in
            var results: [ExampleOutcome?] = Array(repeating: nil, count: examples.count)
            var next = 0
            var finished = 0
            func startNext() {
                guard next < examples.count else { return }
                let index = next
                next += 1
                group.addTask {
                    let prepared = await runner.prepare(examples[index])
                    let run = prepared.hasProgram ? await runner.run(prepared) : nil
                    return (index, ExampleOutcome(prepared: prepared, run: run))
                }
            }
            for _ in 0..<jobs { startNext() }
            for await (index, outcome) in group {
                results[index] = outcome
                finished += 1
                progress(Self.progressLine(outcome, position: finished, total: examples.count, width: width))
                startNext()
            }
            return results.compactMap { $0 }
        }
    }

    static func progressLine(_ outcome: ExampleOutcome, position: Int, total: Int, width: Int) -> String {
        let name = outcome.example.name.padding(toLength: width, withPad: " ", startingAt: 0)
        var line = "[\(position)/\(total)] \(name)  "
        let prepared = outcome.prepared
        if prepared.compile?.succeeded == false {
            line += "did not compile (\(Seconds.format(prepared.compileDuration)))"
            if outcome.example.expectation == .failToCompile { line += ", as expected" }
        } else {
            line += prepared.cached ? "cached program" : "compiled \(Seconds.format(prepared.compileDuration))"
        }
        if let run = outcome.run {
            line += "  ran \(Seconds.format(run.duration))"
            if !run.termination.succeeded {
                line += "  \(run.termination.summary)"
                if outcome.example.expectation == .failToRun { line += ", as expected" }
            }
        }
        return line
    }
}
