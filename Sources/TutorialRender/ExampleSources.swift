import TutorialExecution
import TutorialModel
/// The full source of each example as a plain `.swift` file in the site, which a learner can
/// compile with `swiftc` by itself.
package enum ExampleSources {
    /// The file's name: the example's name (`deadlocks:42` becomes `deadlocks-42`).
    static func fileName(for example: Example) -> String {
        example.name.replacingOccurrences(of: ":", with: "-") + ".swift"
    }

    /// Where the file is in the site.
    package static func path(for example: Example) -> String {
        "examples/\(fileName(for: example))"
    }

    /// The cells that run, one after another, with the line each comes from: no boundary calls
    /// and no support file, so it compiles on its own.
    package static func source(for example: Example) -> String {
        let name = fileName(for: example)
        let binary = String(name.dropLast(".swift".count))
        // The example's own flags (`tsan`, `optimize`, `feature=NAME`), as the tutorial compiles it.
        let flags = Compiler.extraFlags(for: example).map { $0 + " " }.joined()
        var text = """
            // The example '\(example.name)' of \(example.file), as the tutorial runs it.
            // Compile and run it by itself:
            //     swiftc -swift-version 6 \(flags)\(name) -o \(binary) && ./\(binary)

            """
        switch example.expectation {
        case .succeed: break
        case .failToCompile: text += "// This example does not compile, on purpose: it shows the compiler's error.\n"
        case .failToRun: text += "// This example fails when run, on purpose.\n"
        }
        for cell in example.programCells {
            text += "\n// \(cell.file):\(cell.block.position.line)\n"
            text += cell.code.hasSuffix("\n") ? cell.code : cell.code + "\n"
        }
        return text
    }
}
