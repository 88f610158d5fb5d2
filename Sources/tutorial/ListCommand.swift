import ArgumentParser

struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the registered examples: name, chapter file, number of cells."
    )

    @OptionGroup var book: BookOptions
    @OptionGroup var share: ShareOptions

    func run() async throws {
        var settings = book.settings()
        share.apply(to: &settings)
        let project = try Terminal.loadProject(settings, forRunning: false)
        Terminal.print(project.catalog.diagnostics)
        var examples = project.catalog.examples
        if let shard = settings.sharing.shard {
            let remote = settings.sharing.makeRemote()
            examples = await project.shardPlan(count: shard.count, remote: remote).examples(examples, in: shard, name: \.name)
            for warning in remote?.warnings ?? [] { Terminal.say("tutorial: warning: \(warning)") }
        }
        let nameWidth = examples.map(\.name.count).max() ?? 0
        let fileWidth = examples.map(\.file.count).max() ?? 0
        for example in examples {
            var line = example.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  "
                + example.file.padding(toLength: fileWidth, withPad: " ", startingAt: 0) + "  "
                + (example.cells.count == 1 ? "1 cell" : "\(example.cells.count) cells")
            var notes: [String] = []
            switch example.expectation {
            case .succeed: break
            case .failToCompile: notes.append("compile_fail")
            case .failToRun: notes.append("should_fail")
            }
            let noRun = example.typeCheckedCells.count
            if noRun > 0 { notes.append("\(noRun) no_run") }
            if example.isExclusive { notes.append("exclusive") }
            if !notes.isEmpty { line += " (" + notes.joined(separator: ", ") + ")" }
            Terminal.out(line)
        }
    }
}
