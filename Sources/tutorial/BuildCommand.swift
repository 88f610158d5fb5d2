import ArgumentParser
import Foundation
import TutorialBuild
import TutorialExecution
import TutorialModel

/// Options of the commands that put the whole book through the pipeline (build, check, serve):
/// how many jobs, what to run again, how much to say, where to report.
struct PipelineOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: ArgumentHelp("How many examples compile at once (default: the number of cores).", valueName: "n"))
    var jobs: Int?

    @Option(name: .long, help: ArgumentHelp(
        "Run again even when the cache has the result: every example (--rerun alone), or the one named (repeatable).",
        valueName: "name"))
    var rerun: [String] = []

    @Flag(name: .shortAndLong, help: "Print only problems.")
    var quiet = false

    @Option(name: .long, help: ArgumentHelp("Write a JSON account of the build (times, cache hits) to this file.", valueName: "file"))
    var report: String?

    /// The most `--jobs` accepted.
    static let maxJobs = 1_024

    func validate() throws {
        if let jobs, !(1...Self.maxJobs).contains(jobs) {
            throw ValidationError("--jobs must be between 1 and \(Self.maxJobs), not \(jobs)")
        }
    }

    var rerunPolicy: RerunPolicy {
        if rerun.contains(Tutorial.rerunAll) { return .all }
        return rerun.isEmpty ? .none : .only(Set(rerun))
    }

    /// Runs `build` with a progress display, then prints the diagnostics, the summary and the report.
    func perform(_ project: Project, writeSite: Bool) async throws -> BuildReport {
        let display = ProgressDisplay(quiet: quiet, names: project.catalog.examples.map(\.name))
        let start = Date()
        let report = try await Terminal.build(project) { () async throws(DiagnosticsError) -> BuildReport in
            let report = try await BookBuilder(project: project).build(writeSite: writeSite, rerun: rerunPolicy) { display.handle($0) }
            display.finish()
            return report
        }
        if !quiet { Terminal.say(BuildSummary.summary(report.verdicts)) }
        if !quiet, let dependencies = DependencyStep.summary(report.dependencies) { Terminal.say(dependencies) }
        if let path = self.report {
            try BuildSummary.json(report.verdicts, timeline: report.timeline, wallSeconds: Date().timeIntervalSince(start)).write(to: URL(fileURLWithPath: path))
        }
        return report
    }
}

struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Compile and run every example, then write the static site.",
        discussion: """
            Reads every *.md file of the chapters folder in file-name order, compiles each chapter's \
            Swift cells into one program, runs it, and writes index.html and a page per chapter with \
            the real output in every output block. Examples whose cells and compiler are unchanged \
            are taken from the cache, neither compiled nor run. Exits non-zero when an example does \
            not do what its cells say or its output differs from the expected output written in the \
            chapter; the site is still written, showing what went wrong.
            """
    )

    @OptionGroup var book: BookOptions
    @OptionGroup var options: PipelineOptions
    @OptionGroup var share: ShareOptions

    @Option(name: .long, help: ArgumentHelp("The folder the site is written to.", valueName: "dir"))
    var output: String = "site"

    @Flag(name: .long, help: "Render the whole site from the cache (local, then remote), compiling and running nothing; fail naming each example it lacks.")
    var cachedOnly = false

    func validate() throws {
        if cachedOnly && share.shard != nil { throw ValidationError("--cached-only renders the whole site: it cannot go with --shard") }
    }

    func run() async throws {
        ChildProcesses.shared.installInterruptHandlers()
        var settings = book.settings(output: output, jobs: options.jobs)
        share.apply(to: &settings)
        settings.sharing.cachedOnly = cachedOnly
        let lock = try Terminal.lockOutput(settings)
        let project = try Terminal.loadProject(settings)
        let report = try await options.perform(project, writeSite: true)
        withExtendedLifetime(lock) {}
        if !options.quiet, let shard = settings.sharing.shard {
            let count = report.verdicts.count
            Terminal.say("shard \(shard): \(count) example\(count == 1 ? "" : "s") built into the cache; render the site with --cached-only")
        } else if !options.quiet { Terminal.say("wrote \(project.book.chapters.count + 1) pages to \(output)/") }
        if !report.succeeded { throw ExitCode.failure }
    }
}

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Compile and run every example and check every expectation, without writing the site.",
        discussion: "Exits with 0 when the book is sound: the command a book's CI runs."
    )

    @OptionGroup var book: BookOptions
    @OptionGroup var options: PipelineOptions
    @OptionGroup var share: ShareOptions

    func run() async throws {
        ChildProcesses.shared.installInterruptHandlers()
        var settings = book.settings(jobs: options.jobs)
        share.apply(to: &settings)
        let project = try Terminal.loadProject(settings)
        let report = try await options.perform(project, writeSite: false)
        if !report.succeeded { throw ExitCode.failure }
    }
}

struct CleanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clean",
        abstract: "Empty the cache of generated programs and results."
    )

    @OptionGroup var book: BookOptions

    func run() throws {
        let settings = book.settings()
        let cache = settings.cache
        do {
            let shown = settings.cacheShownAs
            switch try cache.clean(shownAs: shown) {
            case .nothing:
                Terminal.say("nothing to remove: \(shown) does not exist")
            case .danglingLink(let target):
                Terminal.say("nothing to remove: \(shown) is a link to \(target), which does not exist; the link stays")
            case .removed(let bytes):
                Terminal.say("removed \(shown) (\(bytes / 1_048_576) MB)")
            case .emptiedThroughLink(let target, let bytes):
                Terminal.say("emptied \(target) (\(bytes / 1_048_576) MB), the folder that \(shown) links to; the link stays")
            }
        } catch let error as DiagnosticsError {
            Terminal.print(error.diagnostics)
            throw ExitCode.failure
        } catch {
            Terminal.say("tutorial: cannot remove \(cache.root): \(error.localizedDescription)")
            throw ExitCode.failure
        }
    }
}
