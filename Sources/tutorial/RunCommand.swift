import ArgumentParser
import Foundation
import TutorialBuild
import TutorialCheck
import TutorialExecution

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Compile (when needed) and run one example, with its output live on the terminal.",
        discussion: """
            Exits with the example's own status: 128 + N when a signal N killed it, 124 when it timed \
            out. A compile_fail example is only compiled: it exits with 0 when it failed to compile, \
            as it must.
            """
    )

    @Argument(help: ArgumentHelp("The example's name, as `tutorial list` shows it.", valueName: "name"))
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
            Terminal.say(message + " Run 'tutorial list' to see every example.")
            throw ExitCode(2)
        }
        // The build's own pipeline: the same cache, limits, runs=N and checks; the first run's
        // output goes to the terminal as it is printed.
        let pipeline = await ExamplePipeline.forRunning(project)
        do {
            let display = ProgressDisplay(quiet: false, names: [])
            _ = try await pipeline.buildDependencies(for: [example]) { display.handle($0) }
            display.finish()
        } catch {
            Terminal.print(error.diagnostics)
            throw ExitCode.failure
        }
        var watch = ExamplePipeline.Watch()
        watch.echo = true
        watch.compiled = { outcome in
            let messages = outcome.compilerMessages.trimmingCharacters(in: .newlines)
            if !messages.isEmpty { Terminal.say(messages) }
        }
        let verdict = await pipeline.process(example, rerun: true, watch: watch)
        let prepared = verdict.outcome.prepared
        if example.expectation == .failToCompile {
            guard verdict.succeeded else {
                Terminal.say("tutorial: '\(name)' compiled, but it must not (compile_fail)")
                throw ExitCode.failure
            }
            Terminal.say("tutorial: '\(name)' did not compile, as it must (compile_fail)")
            return
        }
        guard prepared.hasProgram, let result = verdict.outcome.run else {
            if prepared.compile == nil {
                Terminal.say("tutorial: '\(name)' has only no_run cells: nothing to run")
                if verdict.succeeded { return }
            } else {
                Terminal.say("tutorial: the example '\(name)' did not compile")
            }
            throw ExitCode.failure
        }
        // Whether it failed as it must is how it ended, not the whole verdict (which also
        // compares the output with the page's).
        let must = example.expectation == .failToRun
            ? (result.termination.succeeded ? " (it must fail: should_fail)" : ", as it must (should_fail)") : ""
        switch result.termination {
        case .exited(let code):
            if code != 0 || !must.isEmpty { Terminal.say("tutorial: '\(name)' exited with status \(code)\(must)") }
            throw ExitCode(code)
        case .signaled(let signal):
            Terminal.say("tutorial: '\(name)' \(result.termination.summary)\(must)")
            throw ExitCode(128 + signal)
        case .timedOut:
            Terminal.say("tutorial: '\(name)' \(result.termination.summary); all its processes were killed\(must)")
            throw ExitCode(124)
        case .exceededMemoryLimit, .exceededDiskLimit:
            let note = result.termination.enforcementNote.map { "; \($0)" } ?? ""
            Terminal.say("tutorial: '\(name)' \(result.termination.summary)\(note)\(must)")
            throw ExitCode(137)
        case .failedToStart(let reason):
            Terminal.say("tutorial: could not run '\(name)': \(reason)")
            throw ExitCode(127)
        }
    }
}
