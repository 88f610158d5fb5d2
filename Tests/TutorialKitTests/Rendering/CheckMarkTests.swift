import TestSupport
import Testing
@testable import TutorialCheck
@testable import TutorialExecution
@testable import TutorialModel
@testable import TutorialRender

/// Each checked output block carries a mark of what was checked, drawn from the example's checks
/// that ran and held; a block of a failing example, or with nothing checked, carries none.
@Suite struct CheckMarkTests {
    /// A one-chapter book of `source`, its first example run as `run` says.
    struct Ran {
        let plan: ChapterPlan
        let verdict: ExampleVerdict

        /// `outputs`: what each cell printed (one line each, nil for a cell that never started);
        /// `repeats`: the text each later run printed in every cell.
        init(_ source: String, outputs: [String?], termination: Termination = .exited(0), compiled: Bool = true, repeats: [[String]] = [], repeatTerminations: [Termination] = [], compilerLog: String = "error: no") {
            let document = BookLoader(chaptersDirectory: "unused").parser.parse(source)
            let chapter = Chapter(path: "chapters/01-demo.md", number: 1, slug: "demo", title: "Demo", document: document)
            let book = Book(title: "T", introduction: nil, chapters: [chapter], chaptersDirectory: "chapters")
            let catalog = ExampleCatalog(book: book)
            plan = ChapterPlan(chapter: chapter, catalog: catalog)
            let example = catalog.examples[0]
            let compile = CompileOutcome(succeeded: compiled, log: compiled ? "" : compilerLog, duration: 0)
            let prepared = PreparedExample(example: example, directory: "/tmp/unused", compile: compile, typeChecks: [:], cached: false)
            var run: RunResult?
            if compiled && example.expectation != .failToCompile {
                let cells = outputs.enumerated().map { index, text in
                    text.map { CellOutput(lines: $0.isEmpty ? [] : [OutputLine(stream: .stdout, text: $0, time: Double(index))], start: Double(index)) }
                        ?? CellOutput()
                }
                var result = RunResult(cells: cells, termination: termination, duration: Double(outputs.count))
                if !repeats.isEmpty {
                    result.repeats = repeats.enumerated().map { index, texts in
                        RunSummary(RunResult(
                            cells: texts.map { CellOutput(lines: $0.isEmpty ? [] : [OutputLine(stream: .stdout, text: $0, time: 0)], start: 0) },
                            termination: repeatTerminations.indices.contains(index) ? repeatTerminations[index] : termination, duration: 1))
                    }
                }
                run = result
            }
            verdict = BookChecker(plans: [plan]).verdict(for: ExampleOutcome(prepared: prepared, run: run))
        }

        /// The blocks of every place, in order.
        var blocks: [OutputBlock] {
            plan.placements.flatMap { PageRenderer.blocks($0, verdicts: [verdict.example.name: verdict]) }
        }
    }

    static let checked = """
        ```swift
        let x = 2
        print(x)
        ```

        ```swift hidden
        precondition(x == 2, "x is <two>")
        assert(x > 0)
        ```

        ```output
        2
        ```

        """

    @Test func aCheckedBlockListsItsSlotAndItsHiddenChecks() throws {
        let ran = Ran(Self.checked, outputs: ["2", ""])
        #expect(ran.verdict.succeeded)
        let block = try #require(ran.blocks.first)
        #expect(block.checks == ["the output is exactly these lines, in this order, as the chapter expects of every run", "x is <two>", "x > 0"])
        let html = try OutputBlockRenderer.html(block)
        #expect(html.contains("<details class=\"checked\"><summary>"), "\(html)")
        #expect(html.contains("checked <span class=\"checked-count\">(3 checks)</span>"), "\(html)")
        #expect(html.contains("<li>x is &lt;two&gt;</li><li>x &gt; 0</li>"), "\(html)")
        // The mark comes before the caption, which stays the figure's last child.
        let mark = try #require(html.range(of: "<details class=\"checked\">"))
        let caption = try #require(html.range(of: "<figcaption>"))
        #expect(mark.lowerBound < caption.lowerBound)
    }

    @Test func aBlockOfAFailingExampleShowsNoMark() throws {
        let ran = Ran(Self.checked, outputs: ["3", ""])
        #expect(!ran.verdict.succeeded)
        let block = try #require(ran.blocks.first)
        #expect(block.checks.isEmpty)
        #expect(!(try OutputBlockRenderer.html(block)).contains("class=\"checked\""))
    }

    @Test func aBlockWithNothingCheckedShowsNoMark() throws {
        let ran = Ran("```swift\nprint(1)\n```\n\n```\n```\n", outputs: ["1"])
        let block = try #require(ran.blocks.first)
        #expect(block.checks.isEmpty)
        #expect(!(try OutputBlockRenderer.html(block)).contains("class=\"checked\""))
    }

    @Test func anUnorderedSlotSaysSo() throws {
        let ran = Ran("```swift\nprint(\"b\")\n```\n\n```output unordered\nb\n```\n", outputs: ["b"])
        #expect(ran.blocks.first?.checks == ["the output has exactly these lines, in an order that may change from run to run"])
        let html = try OutputBlockRenderer.html(try #require(ran.blocks.first))
        #expect(html.contains("in an order that may change from run to run</li>"), "\(html)")
    }

    @Test func hiddenChecksGoWithTheBlockOfTheirCells() throws {
        let source = "```swift\nlet a = 1\nprint(a)\n```\n\n```\n```\n\n```swift\nprint(a + 1)\n```\n\n```swift hidden\nprecondition(a + 1 == 2, \"a + 1 is 2\")\n```\n\n```\n```\n"
        let ran = Ran(source, outputs: ["1", "2", ""])
        #expect(ran.blocks.map(\.checks) == [[], ["a + 1 is 2"]])
    }

    @Test func manyRunsSayHowManyAndWhatTheWordChecked() throws {
        let source = "```swift runs=3 expect_varies\nprint(Int.random(in: 0..<100))\n```\n\n```swift hidden\nprecondition(true, \"it ran\")\n```\n\n```\n```\n"
        let ran = Ran(source, outputs: ["1", ""], repeats: [["2", ""], ["3", ""]])
        #expect(ran.verdict.succeeded)
        #expect(ran.blocks.first?.checks == ["it ran (in each of the 3 runs)", "over 3 runs: the outputs differ"])
    }

    /// When some runs did not end well, the mark counts the runs in which the checks held.
    @Test func aCheckThatHeldInSomeRunsSaysInHowMany() throws {
        let source = "```swift runs=3\nprint(1)\n```\n\n```swift hidden\nprecondition(true, \"it ran\")\n```\n\n```\n```\n"
        let ran = Ran(source, outputs: ["1", ""], repeats: [["1", ""], ["1", ""]], repeatTerminations: [.exited(0), .signaled(4)])
        #expect(ran.blocks.first?.checks == ["it ran (in 2 of the 3 runs; the others ended otherwise)"])
    }

    @Test func aFailureOnPurposeIsWhatTheMarkSays() throws {
        let ran = Ran("```swift should_fail\nprint(\"going\")\nexit(3)\n```\n\n```\n```\n", outputs: ["going"], termination: .exited(3))
        #expect(ran.verdict.succeeded)
        let checks = try #require(ran.blocks.first?.checks)
        #expect(checks.count == 1)
        #expect(checks.first?.hasPrefix("the program fails here, as it must: ") == true, "\(checks)")
        #expect(checks.first?.hasSuffix(Termination.exited(3).summary) == true, "\(checks)")
    }

    @Test func aCleanSanitizerRunSaysSoUnderTheLastCell() throws {
        let ran = Ran("```swift tsan\nprint(1)\n```\n\n```\n```\n\n```swift\nprint(2)\n```\n\n```\n```\n", outputs: ["1", "2"])
        #expect(ran.verdict.succeeded)
        #expect(ran.blocks.map(\.checks) == [[], ["ThreadSanitizer found no data race"]])
    }

    @Test func aMessageWithEscapedQuotesReadsAsWritten() {
        func description(_ code: String) -> String? { CheckCall.calls(in: code).first?.description }
        #expect(description(#"precondition(n == 2, "\"the\" is counted twice")"#) == #""the" is counted twice"#)
        #expect(description(#"assert(ok, "took \(n) of \(m), a \\ b")"#) == #"took … of …, a \ b"#)
        // An interpolation's value is not known before the run; one may hold strings and commas.
        #expect(description(#"precondition(ok, "names: \(names.joined(separator: ", ")), done")"#) == "names: …, done")
        // Literals joined by `+` read as one message; anything else is not a message.
        #expect(description("precondition(ok, \"first half, \" +\n    \"second half\")") == "first half, second half")
        #expect(description(#"precondition(ok, "x is " + String(x))"#) == "ok")
        #expect(description("precondition(total <= 4)") == "total <= 4")
        #expect(description(#"precondition(names == ["a", "b"])"#) == #"names == ["a", "b"]"#)
    }

    @Test func aCallOverSeveralLinesIsReadWhole() {
        let code = "let x = 1\n    precondition(\n        x >= 1,\n        \"x is at least one\"\n    )\nassert(f(x,\n  2) > 0)\n"
        #expect(CheckCall.calls(in: code).map(\.description) == ["x is at least one", "f(x, 2) > 0"])
        #expect(CheckCall.calls(in: code).first?.condition == "x >= 1")
    }

    @Test func codeThatMustNotCompileSaysSo() throws {
        let ran = Ran("```swift compile_fail\nlet x: Int = \"no\"\n```\n\n```\n```\n", outputs: [nil], compiled: false)
        #expect(ran.verdict.succeeded)
        #expect(ran.blocks.first?.checks == ["the code does not compile, as it must"])
    }

    static let refusal = "01-demo.md:2:14: error: cannot convert value of type 'String' to specified type 'Int' [#TypeMismatch]\nlet x: Int = \"no\"\n             ^\n"

    /// The mark names the errors the compiler gave, so a reader sees why the code is refused.
    @Test func aRefusalNamesTheCompilersErrors() throws {
        let ran = Ran("```swift compile_fail\nlet x: Int = \"no\"\n```\n\n```\n```\n", outputs: [nil], compiled: false, compilerLog: Self.refusal)
        #expect(ran.verdict.succeeded)
        #expect(ran.blocks.first?.checks == ["the compiler refuses the code with an error: “cannot convert value of type 'String' to specified type 'Int'” (line 1)"])
        // An error repeated in a macro's expansion is named once; another error there is kept.
        let macro = "/tmp/swift-generated-sources/@__swiftmacro_4demo1fMp_.swift:3:5: error: cannot convert value of type 'String' to specified type 'Int'\n"
            + "/tmp/swift-generated-sources/@__swiftmacro_4demo1fMp_.swift:4:5: error: something else\n"
        let repeated = Ran("```swift compile_fail\nlet x: Int = \"no\"\n```\n\n```\n```\n", outputs: [nil], compiled: false, compilerLog: Self.refusal + macro)
        #expect(repeated.blocks.first?.checks == ["the compiler refuses the code with 2 errors: “cannot convert value of type 'String' to specified type 'Int'” (line 1); “something else”"])
    }

    /// `compile_fail=GROUP` holds only when an error of that group is among the compiler's.
    @Test func aNamedErrorGroupMustBeAmongTheErrors() throws {
        let source = "```swift compile_fail=TypeMismatch\nlet x: Int = \"no\"\n```\n\n```\n```\n"
        let held = Ran(source, outputs: [nil], compiled: false, compilerLog: Self.refusal)
        #expect(held.verdict.succeeded)
        #expect(held.blocks.first?.checks.first?.hasPrefix("the compiler refuses the code with an error, including the kind the text names (TypeMismatch): “cannot") == true)
        let other = Ran(source.replacingOccurrences(of: "=TypeMismatch", with: "=SendingRisksDataRace"), outputs: [nil], compiled: false, compilerLog: Self.refusal)
        #expect(!other.verdict.succeeded)
        let message = other.verdict.diagnostics.map(\.description).joined()
        #expect(message.contains("chapters/01-demo.md:1:1: error: this cell must fail to compile with an error of the group 'SendingRisksDataRace'"), "\(message)")
        #expect(message.contains("its errors were: cannot convert value of type 'String'"), "\(message)")
        // Two missing groups: one error names both.
        let two = Ran(source.replacingOccurrences(of: "=TypeMismatch", with: "=SendingRisksDataRace,ActorIsolatedCall"), outputs: [nil], compiled: false, compilerLog: Self.refusal)
        let both = two.verdict.diagnostics.map(\.description)
        #expect(both.count == 1, "\(both)")
        #expect(both.joined().contains("with an error of each of the groups 'SendingRisksDataRace', 'ActorIsolatedCall'"), "\(both)")
    }

    /// A `test` cell's block says how many tests ran and passed, from swift-testing's own summary.
    @Test func aTestCellsBlockSaysItsTestsPassed() throws {
        let source = "```swift test\nimport Testing\n@Test func a() {}\n```\n\n```\n```\n"
        let passed = Ran(source, outputs: ["\u{1B}[92m✔\u{1B}[0m Test run with 3 tests in 0 suites passed after 0.001 seconds."])
        #expect(passed.blocks.first?.checks == ["3 tests ran, none failed"])
        // The summary counts skipped and cancelled tests: the mark says which were.
        let some = Ran(source, outputs: [
            "➜ Test stress() skipped: \"run it with STRESS=1\"\n➜ Test database() was cancelled: \"no server\"\n"
                + "━ Test run with 3 tests in 0 suites passed after 0.019 seconds with 1 known issue.",
        ])
        #expect(some.blocks.first?.checks == ["3 tests ran, none failed (1 skipped; 1 cancelled; 1 known issue recorded, as expected)"])
        // No summary, no claim.
        #expect(Ran(source, outputs: ["hello"]).blocks.first?.checks == [])
    }

    /// A tick beside code that fails on purpose says that the failure was the expected outcome.
    @Test func aFailureOnPurposeSaysItWasExpected() throws {
        let refused = Ran("```swift compile_fail\nlet x: Int = \"no\"\n```\n\n```\n```\n", outputs: [nil], compiled: false, compilerLog: Self.refusal)
        let html = try OutputBlockRenderer.html(try #require(refused.blocks.first))
        #expect(html.contains("✓</span> checked: fails as expected <span class=\"checked-count\">"), "\(html)")
        let ran = Ran("```swift\nprint(1)\n```\n\n```output\n1\n```\n", outputs: ["1"])
        #expect(try OutputBlockRenderer.html(try #require(ran.blocks.first)).contains("✓</span> checked <span"))
    }

    @Test func anErrorGroupNameIsAWord() {
        #expect((try? CellAttributes(words: ["compile_fail=A1,B"]))?.expectedErrorGroups == ["A1", "B"])
        for bad in ["compile_fail=", "compile_fail=a b", "compile_fail=A,,B", "compile_fail=1A", "should_fail=X"] {
            #expect(throws: AttributeError.self, "\(bad)") { try CellAttributes(words: [bad]) }
        }
    }
}
