import ArgumentParser
import Foundation
import TutorialKit

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Compile (when needed) and run one example, with its output live on the terminal.",
        discussion: "Exits with the example's own status: 128 + N when a signal N killed it, 124 when it timed out."
    )

    @Argument(help: ArgumentHelp("The example's name, as `tutorial list` shows it (a chapter's slug).", valueName: "name"))
    var name: String

    @OptionGroup var book: BookOptions

    func run() async throws {
        ChildProcesses.shared.installInterruptHandlers()
        let project = try Terminal.loadProject(book.settings())
        guard let example = project.catalog.example(named: name) else {
            var message = "tutorial: no example named '\(name)'."
            let suggestions = project.catalog.suggestions(for: name)
            if !suggestions.isEmpty {
                message += " Did you mean \(suggestions.map { "'\($0)'" }.joined(separator: ", "))?"
            }
            Terminal.error(message + " Run 'tutorial list' to see every example.")
            throw ExitCode(2)
        }
        let runner = await project.makeRunner()
        let prepared = await runner.prepare(example)
        guard prepared.compile.succeeded else {
            let outcome = ExampleOutcome(prepared: prepared, run: nil)
            let log = outcome.compilerLog
            Terminal.error((log.preamble + log.entries.map(\.text).joined(separator: "\n")).trimmingCharacters(in: .newlines))
            Terminal.error("tutorial: the example '\(name)' did not compile")
            throw ExitCode.failure
        }
        let result = await runner.run(prepared, echo: true)
        switch result.termination {
        case .exited(let code):
            if code != 0 { Terminal.error("tutorial: '\(name)' exited with status \(code)") }
            throw ExitCode(code)
        case .signaled(let signal):
            Terminal.error("tutorial: '\(name)' \(result.termination.summary)")
            throw ExitCode(128 + signal)
        case .timedOut:
            Terminal.error("tutorial: '\(name)' \(result.termination.summary); all its processes were killed")
            throw ExitCode(124)
        case .failedToStart(let reason):
            Terminal.error("tutorial: could not run '\(name)': \(reason)")
            throw ExitCode(127)
        }
    }
}
