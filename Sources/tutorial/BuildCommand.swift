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
            the real output in every output block. Exits non-zero when an example fails to compile, \
            crashes, exits non-zero or times out; the site is still written, showing what went wrong.
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
        let report: BuildReport
        do {
            report = try await BookBuilder(project: project).build { Terminal.error($0) }
        } catch {
            Terminal.print(error.diagnostics)
            throw ExitCode.failure
        }
        // Loading problems were printed already.
        Terminal.print(Array(report.diagnostics.dropFirst(project.diagnostics.count)))
        let failed = report.outcomes.filter { !$0.succeeded }.count
        Terminal.error("wrote \(project.book.chapters.count + 1) pages to \(output)/ (\(report.outcomes.count) examples, \(failed) failed)")
        if !report.succeeded { throw ExitCode.failure }
    }
}
