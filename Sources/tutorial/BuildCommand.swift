import ArgumentParser
import Foundation
import TutorialKit

struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Compile and run every example, then write the static site.",
        discussion: """
            Reads every *.md file of the chapters folder in file-name order, compiles each chapter's \
            Swift cells into one program, runs it, and writes index.html and a page per chapter with \
            the real output in every output block. Exits non-zero when an example does not do what \
            its cells say (compile, run and exit 0, or fail as compile_fail or should_fail demand) or \
            its output differs from the expected output written in the chapter; the site is still \
            written, showing what went wrong.
            """
    )

    @OptionGroup var book: BookOptions

    @Option(name: .long, help: ArgumentHelp("The folder the site is written to.", valueName: "dir"))
    var output: String = "site"

    @Option(name: .shortAndLong, help: ArgumentHelp("How many examples compile and run at once (default: the number of cores).", valueName: "n"))
    var jobs: Int?

    func run() async throws {
        ChildProcesses.shared.installInterruptHandlers()
        let project = try Terminal.loadProject(book.settings(output: output, jobs: jobs))
        let lock: BuildLock
        do {
            lock = try BuildLock(output: output, cache: project.settings.cache) {
                Terminal.error("tutorial: another build is writing \(output)/; waiting for it to finish")
            }
        } catch {
            Terminal.print(error.diagnostics)
            throw ExitCode.failure
        }
        let report = try await Terminal.build(project) { () async throws(DiagnosticsError) -> BuildReport in
            try await BookBuilder(project: project).build { Terminal.error($0) }
        }
        withExtendedLifetime(lock) {}
        let failed = report.outcomes.filter { !$0.succeeded }.count
        Terminal.error("wrote \(project.book.chapters.count + 1) pages to \(output)/ (\(report.outcomes.count) examples, \(failed) failed)")
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

    @Option(name: .shortAndLong, help: ArgumentHelp("How many examples compile and run at once (default: the number of cores).", valueName: "n"))
    var jobs: Int?

    func run() async throws {
        ChildProcesses.shared.installInterruptHandlers()
        let project = try Terminal.loadProject(book.settings(jobs: jobs))
        let report = try await Terminal.build(project) { () async throws(DiagnosticsError) -> BuildReport in
            try await BookBuilder(project: project).build(writeSite: false) { Terminal.error($0) }
        }
        let failed = report.outcomes.filter { !$0.succeeded }.count
        let errors = report.diagnostics.filter { $0.severity == .error }.count
        Terminal.error("checked \(report.outcomes.count) examples: \(failed) failed, \(errors) errors")
        if !report.succeeded { throw ExitCode.failure }
    }
}
