import Foundation
import TestSupport
import Testing
@testable import TutorialCheck
@testable import TutorialExecution
@testable import TutorialModel
@testable import TutorialRender

/// The cell words as types in one registry, and the word `stdin=TEXT`.
@Suite struct CellWordRegistryTests {
    @Test func theVocabularyAndParsingComeFromTheRegistry() throws {
        let names = CellWordRegistry.all.map { $0.name }
        #expect(Set(names).count == names.count, "a word is listed twice: \(names)")
        for word in CellWordRegistry.all {
            #expect(word.syntax.hasPrefix(word.name), "\(word.syntax) is not written with its name \(word.name)")
            #expect(CellAttributes.vocabulary.contains(word.syntax))
        }
        // Each word is parsed by its own type, in the order written.
        let attributes = try CellAttributes(words: ["runs=3", "stdin=a", "tsan", "stdin=b"])
        #expect(attributes.words.all(StdinWord.self).map(\.text) == ["a", "b"])
        #expect(attributes.repeatCount == 3)
        #expect(attributes.threadSanitizer)
        let error = #expect(throws: AttributeError.self) { try CellAttributes(words: ["stdinn=x"]) }
        #expect(error?.message.hasSuffix(CellAttributes.vocabulary.joined(separator: ", ")) == true)
    }

    @Test(arguments: ["exclusive", "expect_stable", "expect_varies", "hidden", "optimize", "tsan"])
    func aBareWordIsWrittenAsItsNameAndRefusesAValue(name: String) throws {
        let word = try #require(CellWordRegistry.all.first { $0.name == name })
        #expect(word.syntax == name)
        let error = #expect(throws: AttributeError.self) { try CellAttributes(words: ["\(name)=1"]) }
        #expect(error?.message == "'\(name)=1': \(name) takes no value")
        #expect(throws: Never.self) { try CellAttributes(words: [name, "runs=2"]) }
    }

    @Test func stdinSpellsSpacesAndNewlinesWithEscapes() throws {
        let word = try #require(try CellAttributes(words: [#"stdin=3\n4\s<b>\t\\n\n"#]).words.last(StdinWord.self))
        #expect(word.text == "3\n4 <b>\t\\n\n")
        #expect(try CellAttributes(words: ["stdin="]).words.last(StdinWord.self)?.text == "")
    }

    @Test(arguments: [#"stdin=a\q"#, #"stdin=a\"#, "stdin", "ignore stdin=a", "compile_fail stdin=a"])
    func refusesAMalformedOrMeaninglessStdin(words: String) {
        #expect(throws: AttributeError.self) { try CellAttributes(words: words.split(separator: " ").map(String.init)) }
    }

    @Test func aCompileFailCellNamesTheWordsThatNeedARun() {
        let error = #expect(throws: AttributeError.self) { try CellAttributes(words: ["compile_fail", "stdin=x", "tsan", "optimize"]) }
        #expect(error?.message == "a 'compile_fail' cell never runs: 'stdin' and 'tsan' make no sense with it")
    }

    @Test func theExampleReadsTheStdinOfEveryCellInOrder() {
        let example = TestSupport.example(#"""
        ```swift stdin=first\n
        let a = readLine()
        ```

        ```swift
        print(a ?? "")
        ```

        ```swift stdin=second\n
        print(readLine() ?? "")
        ```

        """#)
        let settings = CellWordRegistry.runSettings(for: example)
        #expect(settings.standardInput == Array("first\nsecond\n".utf8))
        #expect(CellWordRegistry.runSettings(for: TestSupport.example("```swift\nprint(1)\n```\n")).standardInput == nil)
        // The block of the cells that say it shows their text, escaped; the others show none.
        var block = OutputBlock(lines: [OutputLine(stream: .stdout, text: "x", time: 0)], duration: 0.1, status: .ran)
        block.example = example
        block.cellIndices = [1, 2]
        let view = CellWordPanelView(word: StdinWord.self)
        #expect(view.html(for: block)?.contains(">second\n</pre>") == true)
        block.cellIndices = [1]
        #expect(view.html(for: block) == nil)
    }

    @Test func twoStdinTextsGiveTwoCacheKeys() {
        let runner = ExampleRunner(compiler: Compiler(), cache: ProgramCache(root: "/unused"), compilerVersion: "Swift 6.3.1")
        let one = TestSupport.example("```swift stdin=one\nprint(readLine() ?? \"\")\n```\n")
        let two = TestSupport.example("```swift stdin=two\nprint(readLine() ?? \"\")\n```\n")
        let none = TestSupport.example("```swift\nprint(readLine() ?? \"\")\n```\n")
        #expect(Set([one, two, none].map(runner.key(for:))).count == 3)
    }

    @Test func tsanSetsHowTheProgramRuns() {
        let settings = CellWordRegistry.runSettings(for: TestSupport.example("```swift tsan timeout=3\nprint(1)\n```\n"))
        #expect(settings.environment["TSAN_OPTIONS"] == ThreadSanitizerReport.options)
        #expect(!settings.perProcessDataLimit)
        #expect(settings.cellTimeouts == [0: 3])
    }
}

/// A word's analysis is part of its type: `expect_stable` and `expect_varies` judge the runs.
@Suite struct CellWordFindingsTests {
    static func example(_ words: String) throws -> Example {
        let chapter = "# A\n\n```swift runs=3 \(words)\nprint(1)\n```\n\n```swift\nprint(2)\n```\n"
        let book = try TestSupport.temporaryDirectory("findings")
        try FileManager.default.createDirectory(at: book.appendingPathComponent("chapters"), withIntermediateDirectories: true)
        try chapter.write(to: book.appendingPathComponent("chapters/01-a.md"), atomically: true, encoding: .utf8)
        let loaded = try BookLoader(chaptersDirectory: book.appendingPathComponent("chapters").path).load()
        return try #require(ExampleCatalog(book: loaded.book).examples.first)
    }

    static let same = RunsEvidence(
        runCount: 3, outcomes: [.init(text: "1\n2\n", ending: nil, firstRun: 1, count: 3)], headline: "the same output in all 3 runs")
    static let differing = RunsEvidence(
        runCount: 3,
        outcomes: [.init(text: "1\n2\n", ending: nil, firstRun: 1, count: 2), .init(text: "2\n1\n", ending: "exit 1", firstRun: 2, count: 1)],
        headline: "2 different outputs in 3 runs")

    @Test func eachWordFindsWhatItsCellSaysAtThatCell() throws {
        let stable = try Self.example("expect_stable")
        #expect(CellWordRegistry.findings(for: stable, runs: Self.same).isEmpty)
        let found = CellWordRegistry.findings(for: stable, runs: Self.differing)
        #expect(found.count == 1 && found[0].cell == 0, "\(found)")
        #expect(found.first?.message.contains("(expect_stable): 2 different outputs in 3 runs\n") == true)
        #expect(found.first?.message.contains("run 2 (exit 1)") == true, "the diff names the runs: \(found)")

        let varies = try Self.example("expect_varies")
        #expect(CellWordRegistry.findings(for: varies, runs: Self.differing).isEmpty)
        #expect(CellWordRegistry.findings(for: varies, runs: Self.same).map(\.message)
            == ["all 3 runs of the example 'a' gave the same output, but this cell says they vary (expect_varies)"])
        #expect(CellWordRegistry.findings(for: try Self.example(""), runs: Self.same).isEmpty)
    }
}
