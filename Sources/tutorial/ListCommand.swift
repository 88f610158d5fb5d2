import ArgumentParser
import TutorialKit

struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the registered examples: name, chapter file, number of cells."
    )

    @OptionGroup var book: BookOptions

    func run() async throws {
        let project = try Terminal.loadProject(book.settings())
        let examples = project.catalog.examples
        let nameWidth = examples.map(\.name.count).max() ?? 0
        let fileWidth = examples.map(\.file.count).max() ?? 0
        for example in examples {
            let cells = example.cells.count == 1 ? "1 cell" : "\(example.cells.count) cells"
            Terminal.out(
                example.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  "
                    + example.file.padding(toLength: fileWidth, withPad: " ", startingAt: 0) + "  " + cells)
        }
    }
}
