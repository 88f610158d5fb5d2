import ArgumentParser
import TutorialBuild

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a new book: chapters/ with a first chapter, a .gitignore, a CI workflow and a README.",
        discussion: "Writes nothing over an existing file. The new book builds at once: cd into it and run `tutorial build`."
    )

    @Argument(help: ArgumentHelp("The book's folder (created if missing).", valueName: "dir"))
    var folder: String = "."

    func run() throws {
        do {
            let written = try BookStarter(folder: folder).create()
            for path in written { Terminal.say("created \(folder == "." ? path : "\(folder)/\(path)")") }
            let enter = folder == "." ? "" : "cd \(folder) && "
            Terminal.say("next: \(enter)tutorial build, then open site/index.html")
        } catch {
            Terminal.print(error.diagnostics)
            throw ExitCode.failure
        }
    }
}
