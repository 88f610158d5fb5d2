import Testing
@testable import TutorialModel

/// An exercise is two examples: NAME (its starter code and checks, which must fail) and
/// NAME:solution (the solution with the same checks, which must pass). Pieces missing are
/// errors at the cell's line.
@Suite struct ExerciseCatalogTests {
    static let complete = """
        ```swift exercise=sum
        func total(_ values: [Int]) -> Int { 0 }
        ```

        ```swift exercise=sum hidden
        precondition(total([1, 2]) == 3, "total([1, 2]) is 3")
        assert(total([]) == 0)
        ```

        ```swift solution=sum
        func total(_ values: [Int]) -> Int { values.reduce(0, +) }
        ```

        """

    func catalog(_ source: String) -> ExampleCatalog {
        ExampleCatalog(book: CompileWordsTests.book(source))
    }

    /// A solution compiled otherwise than its starter code (here: without main-actor isolation by
    /// default) would pass or fail for a reason that is not the lesson's.
    @Test func aSolutionIsCompiledAsItsStarterCodeIs() {
        let source = Self.complete
            .replacingOccurrences(of: "```swift exercise=sum\n", with: "```swift exercise=sum default_isolation=MainActor feature=NonisolatedNonsendingByDefault\n")
            .replacingOccurrences(of: "```swift solution=sum\n", with: "```swift solution=sum feature=StrictMemorySafety\n")
        let joined = catalog(source)
        #expect(joined.diagnostics.isEmpty, "\(joined.diagnostics)")
        let flags = joined.example(named: "sum:solution").map(CellWordRegistry.compileFlags(for:)) ?? []
        #expect(flags.joined(separator: " ").contains("-default-isolation MainActor"), "\(flags)")
        // Features add up: the solution's own and the starter's.
        #expect(flags.joined(separator: " ").contains("-enable-upcoming-feature NonisolatedNonsendingByDefault"), "\(flags)")
        #expect(flags.joined(separator: " ").contains("-enable-upcoming-feature StrictMemorySafety"), "\(flags)")
        // A setting of one value the solution says itself is its own.
        let own = catalog(source.replacingOccurrences(of: "solution=sum feature", with: "solution=sum default_isolation=nonisolated feature"))
        let ownFlags = own.example(named: "sum:solution").map(CellWordRegistry.compileFlags(for:))?.joined(separator: " ") ?? ""
        #expect(!ownFlags.contains("MainActor"), "\(ownFlags)")
    }

    @Test func anExerciseIsItsStarterWithItsChecksAndItsSolutionWithTheSameChecks() {
        let catalog = catalog(Self.complete)
        #expect(catalog.diagnostics.isEmpty, "\(catalog.diagnostics)")
        let exercise = catalog.example(named: "sum")
        let solution = catalog.example(named: "sum:solution")
        #expect(exercise?.isExercise == true && exercise?.expectation == .failToRun)
        #expect(exercise?.cells.map(\.codeLine) == [2, 6])
        #expect(solution?.isExercise == false && solution?.solvedExercise == "sum" && solution?.expectation == .succeed)
        #expect(solution?.cells.map(\.codeLine) == [11, 6])
        #expect(solution?.cells.map(\.index) == [0, 1])
        #expect(exercise?.checkDescriptions == ["total([1, 2]) is 3", "total([]) == 0"])
    }

    @Test func missingPiecesAreErrorsAtTheCell() {
        let noChecks = catalog("```swift exercise=sum\nlet a = 1\n```\n\n```swift solution=sum\nlet a = 2\n```\n").diagnostics
        #expect(noChecks.contains { $0.line == 1 && $0.message.contains("the exercise 'sum' has no checks") }, "\(noChecks)")
        let noSolution = catalog("```swift exercise=sum\nlet a = 1\n```\n\n```swift exercise=sum hidden\nprecondition(a == 2)\n```\n").diagnostics
        #expect(noSolution.contains { $0.line == 1 && $0.message.contains("the exercise 'sum' has no solution") }, "\(noSolution)")
        let orphan = catalog("Text.\n\n```swift solution=sum\nlet a = 2\n```\n").diagnostics
        #expect(orphan.contains { $0.line == 3 && $0.message.contains("no exercise is named 'sum'") }, "\(orphan)")
        let noStarter = catalog("```swift exercise=sum hidden\nprecondition(true)\n```\n").diagnostics
        #expect(noStarter.contains { $0.message.contains("the exercise 'sum' has no starter code") }, "\(noStarter)")
    }

    @Test func wordsThatContradictAnExerciseAreRefused() {
        for (words, fragment) in [
            ("exercise=a solution=a", "contradict"), ("exercise=a example=b", "'example=' makes no sense"),
            ("solution=a should_fail", "'should_fail' makes no sense"), ("solution=a hidden", "a hidden solution"),
        ] {
            let diagnostics = catalog("```swift \(words)\nlet a = 1\n```\n").diagnostics
            #expect(diagnostics.contains { $0.message.contains(fragment) }, "\(words): \(diagnostics)")
        }
    }
}
