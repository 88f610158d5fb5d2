import TestSupport
import Testing
@testable import TutorialModel

/// `test`: the program runs its swift-testing tests right after the cell that says it.
@Suite struct TestWordTests {
    let source = """
        ```swift
        import Testing
        @Test func one() { #expect(1 + 1 == 2) }
        ```

        ```swift test
        @Test func two() { #expect(true) }
        ```

        ```swift
        print("after")
        ```
        """

    @Test func theProgramRunsTheTestsAfterTheTestCellOnly() throws {
        let program = ProgramGenerator().generate(TestSupport.example(source))
        let lines = program.main.split(separator: "\n").map(String.init)
        let call = try #require(lines.firstIndex(of: "await _tutorialRunTests(throughPipe: true)"))
        #expect(lines.filter { $0 == "await _tutorialRunTests(throughPipe: true)" }.count == 1)
        // Right after the test cell's code and its closing directive, before the next cell.
        #expect(lines[call - 1] == "#sourceLocation()")
        #expect(lines[call - 2] == "@Test func two() { #expect(true) }")
        #expect(lines[call + 1] == "_tutorialBoundary(2)")
        #expect(program.support.contains("import Testing"))
        #expect(program.support.contains("Testing.__swiftPMEntryPoint()"))
    }

    @Test func underThreadSanitizerTheRunnerWritesToStderrAsItIs() {
        let program = ProgramGenerator().generate(TestSupport.example(source.replacingOccurrences(of: "swift test", with: "swift test tsan")))
        #expect(program.main.contains("await _tutorialRunTests(throughPipe: false)\n"))
        #expect(!program.main.contains("throughPipe: true"))
    }

    @Test func otherProgramsAreUnchanged() {
        let plain = source.replacingOccurrences(of: "swift test", with: "swift")
        let program = ProgramGenerator().generate(TestSupport.example(plain))
        #expect(!program.main.contains("_tutorialRunTests"))
        #expect(program.support == ProgramGenerator.support)
    }

    @Test func theRunnerGetsTheSameColoursEverywhere() {
        let settings = CellWordRegistry.runSettings(for: TestSupport.example(source))
        #expect(settings.environment["TERM"] == "xterm-256color")
        #expect(settings.environment["COLORTERM"] == "")
        #expect(settings.environment["NO_COLOR"] == "")
        let plain = CellWordRegistry.runSettings(for: TestSupport.example(source.replacingOccurrences(of: "swift test", with: "swift")))
        #expect(plain.environment["TERM"] == nil)
    }

    @Test func takesNoValue() {
        #expect(throws: AttributeError.self) { try TestWord.parse("3", word: "test=3") }
        #expect(TestWord.needsRun)
    }
}

/// An example runs its tests once: a second `test` cell in it is an error.
@Suite struct SecondTestCellTests {
    func catalog(_ source: String) -> ExampleCatalog {
        let document = BookLoader(chaptersDirectory: "unused").parser.parse(source)
        let chapter = Chapter(path: "chapters/01-demo.md", number: 1, slug: "demo", title: "Demo", document: document)
        return ExampleCatalog(book: Book(title: "T", introduction: nil, chapters: [chapter], chaptersDirectory: "chapters"))
    }

    @Test func aSecondTestCellIsAnErrorAtIt() {
        let catalog = catalog("```swift test\nimport Testing\n```\n\n```swift test\nlet a = 1\n```\n")
        #expect(catalog.diagnostics.map(\.description) == [
            "chapters/01-demo.md:5:1: error: the tests of the example 'demo' already run after its test cell at line 1, every one of them: give these tests an example=NAME of their own",
        ])
    }

    @Test func testCellsOfTwoExamplesAreFine() {
        let catalog = catalog("```swift test\nimport Testing\n```\n\n```swift test example=other\nimport Testing\n```\n")
        #expect(catalog.diagnostics.isEmpty)
        #expect(catalog.examples.count == 2)
    }
}

/// An exercise's checks may be a test: its `#expect` messages are listed like preconditions'.
@Suite struct TestCheckDescriptionTests {
    @Test func listsTheMessagesOfExpectationsInHiddenCells() {
        let source = """
            ```swift exercise=sum
            func total(_ values: [Int]) -> Int { 0 }
            ```

            ```swift exercise=sum hidden test
            import Testing
            @Test func adds() {
                #expect(total([1, 2]) == 3, "total([1, 2]) is 3")
            }
            ```
            """
        let exercise = TestSupport.example(source)
        #expect(exercise.checkDescriptions == ["total([1, 2]) is 3"])
    }
}
