import TestSupport
import Testing
@testable import TutorialCheck
@testable import TutorialExecution
@testable import TutorialModel

/// The issues of swift-testing's report become errors at the chapter's lines.
@Suite struct TestIssueTests {
    let escape = "\u{1B}"

    @Test func readsAnIssueFromTheColouredReport() throws {
        let line = "\(escape)[91m✘\(escape)[0m Test addition() recorded an issue at 16-testing.md:22:5: Expectation failed: (1 + 1 → 2) == 3"
        let issue = try #require(TestIssue.parse(line, files: ["16-testing.md"]))
        #expect(issue == TestIssue(test: "addition()", file: "16-testing.md", line: 22, column: 5, message: "Expectation failed: (1 + 1 → 2) == 3"))
    }

    @Test func readsIssuesOfParameterizedTests() throws {
        let line = "✘ Test square(_:) recorded an issue with 1 argument value → 3 at work at 16-testing.md:40:9: Expectation failed: (square(value) → 10) == 9"
        let issue = try #require(TestIssue.parse(line, files: ["16-testing.md"]))
        #expect(issue.test == "square(_:)")
        #expect(issue.line == 40)
        #expect(issue.message == "Expectation failed: (square(value) → 10) == 9")
    }

    @Test func ignoresOtherLinesAndOtherFiles() {
        #expect(TestIssue.parse("✘ Test addition() failed after 0.001 seconds with 1 issue.", files: ["16-testing.md"]) == nil)
        #expect(TestIssue.parse("✘ Test a() recorded an issue at Other.swift:3:1: boom", files: ["16-testing.md"]) == nil)
        #expect(TestIssue.parse("recorded an issue at 16-testing.md:3:1: no test named", files: ["16-testing.md"]) == nil)
        #expect(TestIssue.parse("✘ Test a() recorded an issue at 16-testing.md:x:1: bad line", files: ["16-testing.md"]) == nil)
    }

    @Test func anIssueIsAnErrorAtTheMarkdownLineOfItsCell() {
        let example = TestSupport.example("# T\n\n- item\n\n  ```swift test\n  import Testing\n  @Test func a() { #expect(1 == 2) }\n  ```\n", file: "chapters/01-demo.md")
        let output = CellOutput(lines: [
            OutputLine(stream: .stdout, text: "✘ Test a() recorded an issue at 01-demo.md:7:20: Expectation failed: 1 == 2", time: 0),
            OutputLine(stream: .stdout, text: "✘ Test b() recorded an issue at 01-demo.md:99:1: outside every cell", time: 0),
        ])
        let diagnostics = TestIssue.diagnostics(example, output: output)
        #expect(diagnostics.map(\.description) == ["chapters/01-demo.md:7:22: error: test a() failed: Expectation failed: 1 == 2"])
    }
}
