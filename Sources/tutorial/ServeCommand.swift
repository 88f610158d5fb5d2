import ArgumentParser
import Foundation
import TutorialBuild
import TutorialExecution
import TutorialServe

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build, serve the site on 127.0.0.1, and rebuild when the chapters or the theme change.",
        discussion: """
            Open pages reload by themselves after each rebuild. Only the examples whose cells \
            changed compile and run again. Served pages are a notebook: each Swift cell can be \
            edited and run in the page, its real output arriving as it is printed; open the \
            address printed at the start (its token lets pages run code). Stop with Ctrl-C.
            """
    )

    @OptionGroup var book: BookOptions
    @OptionGroup var options: PipelineOptions

    @Option(name: .long, help: ArgumentHelp("The folder the site is written to.", valueName: "dir"))
    var output: String = "site"

    @Option(name: .shortAndLong, help: ArgumentHelp("The port to listen on.", valueName: "n"))
    var port: UInt16 = 3000

    func validate() throws {
        guard port > 0 else { throw ValidationError("--port must be between 1 and 65535, not 0") }
    }

    func run() async throws {
        ChildProcesses.shared.installInterruptHandlers()
        let settings = book.settings(output: output, jobs: options.jobs)
        let runner = NotebookRunner(project: try await rebuild(settings))
        let notebook = NotebookRoutes(guardian: NotebookGuard(port: port), runner: runner)
        let server: PreviewServer
        do {
            server = try PreviewServer(root: output, port: port, notebook: notebook)
        } catch {
            Terminal.say("tutorial: cannot listen on 127.0.0.1:\(port): \(error)")
            throw ExitCode.failure
        }
        // The server accepts connections from its `init` on.
        let serving = Task { try await server.run() }
        Terminal.say("serving \(output)/ at \(notebook.guardian.address) (Ctrl-C to stop)")
        Terminal.say("open that address: its token lets the pages run code on this machine; keep it to yourself")
        let watcher = FolderWatcher(folders: [settings.chapters, settings.themeDirectory])
        await watcher.watch {
            Terminal.say("change seen; rebuilding")
            if let project = try? await rebuild(settings) {
                await runner.update(project)
                server.siteChanged()
            }
        }
        serving.cancel()
    }

    /// One build; its problems are printed, and a book that cannot load keeps the old site.
    /// Returns the book as loaded for it.
    func rebuild(_ settings: BuildSettings) async throws -> Project {
        let lock = try Terminal.lockOutput(settings)
        defer { withExtendedLifetime(lock) {} }
        let project = try Terminal.loadProject(settings)
        _ = try await options.perform(project, writeSite: true)
        return project
    }
}
