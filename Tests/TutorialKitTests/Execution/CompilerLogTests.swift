import TestSupport
import Testing
@testable import TutorialExecution

@Suite struct CompilerLogTests {
    let example = TestSupport.example("```swift\nlet a = 1\n```\n\n- item\n\n  ```swift\n  let b: Int = \"x\"\n  ```\n")

    @Test func tiesMessagesToCellsAndShiftsColumnsOfIndentedCells() {
        let log = """
            chapters/01-demo.md:8:14: error: cannot convert value of type 'String' to specified type 'Int'
            let b: Int = "x"
                         ^
            chapters/01-demo.md:2:5: warning: initialization of immutable value 'a' was never used
            let a = 1
                ^
            /cache/programs/demo-1/main.swift:9:1: error: something in the generated code
            """
        let parsed = CompilerLog(log, example: example, directory: "/cache/programs/demo-1")
        #expect(parsed.entries.count == 3)
        #expect(parsed.entries[0].diagnostic.description
            == "chapters/01-demo.md:8:16: error: cannot convert value of type 'String' to specified type 'Int'")
        #expect(parsed.entries[0].cell == 1)
        #expect(parsed.entries[0].text.contains("let b: Int = \"x\""))
        #expect(parsed.entries[1].cell == 0)
        #expect(parsed.entries[1].diagnostic.severity == .warning)
        #expect(parsed.entries[2].diagnostic.file == "main.swift")
        #expect(parsed.entries[2].cell == nil)
        #expect(parsed.errors.count == 2)
    }
}
