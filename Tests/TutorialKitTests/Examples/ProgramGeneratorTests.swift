import TestSupport
import Testing
@testable import TutorialModel

@Suite struct ProgramGeneratorTests {
    func example(_ source: String, file: String = "chapters/01-demo.md") -> Example {
        TestSupport.example(source, file: file)
    }

    @Test func putsEveryCellUnderASourceLocationWithABoundaryBeforeIt() {
        let source = "# Demo\n\n```swift\nlet a = 1\n```\n\nText.\n\n- item\n\n  ```swift\n  print(a)\n  ```\n"
        let program = ProgramGenerator().generate(example(source))
        let lines = program.main.split(separator: "\n").map(String.init)
        #expect(lines.contains("_tutorialBoundary(0)"))
        #expect(lines.contains("_tutorialBoundary(1)"))
        // The chapter by its path inside the chapters folder, whatever the folder is called.
        #expect(lines.contains("#sourceLocation(file: \"01-demo.md\", line: 4)"))
        #expect(lines.contains("#sourceLocation(file: \"01-demo.md\", line: 12)"))
        #expect(!program.main.contains("chapters/"))
        // The cell's code follows its directive, and the boundary comes before the directive.
        let directive = lines.firstIndex(of: "#sourceLocation(file: \"01-demo.md\", line: 12)")!
        #expect(lines[directive + 1] == "print(a)")
        #expect(lines[directive - 1] == "_tutorialBoundary(1)")
        #expect(program.support.contains("func _tutorialBoundary(_ cell: Int)"))
    }

    @Test func escapesFileNamesInTheDirective() {
        let program = ProgramGenerator().generate(example("```swift\nlet a = 1\n```\n", file: "we\"ird\\path.md"))
        #expect(program.main.contains(#"#sourceLocation(file: "we\"ird\\path.md", line: 2)"#))
    }

    @Test func registersOneExampleNamedAfterTheChapter() {
        let value = example("```swift\nlet a = 1\n```\n\n```python\nx\n```\n\n```swift\nprint(a)\n```\n")
        #expect(value.name == "demo")
        #expect(value.cells.map(\.index) == [0, 1])
        #expect(value.cells.map(\.codeLine) == [2, 10])
    }
}
