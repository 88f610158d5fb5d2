import TutorialExecution
import TutorialModel
import TutorialSupport

/// An issue swift-testing's runner recorded while a `test` cell's tests ran (a failed `#expect`,
/// a `#require` that threw, an error a test threw), as its report says it:
/// `✘ Test addition() recorded an issue at 16-testing.md:22:5: Expectation failed: …`, colours
/// aside. The program names the chapter as `#sourceLocation` does, so the location is the
/// Markdown file's line.
struct TestIssue: Hashable, Sendable {
    /// The test, as the report names it (`addition()`).
    var test: String
    /// The chapter as the program names it (``Cell/sourceName``), the line and the column.
    var file: String
    var line: Int
    var column: Int
    /// The report's first line about it (`Expectation failed: (1 + 1 → 2) == 3`).
    var message: String

    private static let marker = " recorded an issue"

    /// The issue a line of the report states, when it is one at a place in one of `files`.
    static func parse(_ text: String, files: Set<String>) -> TestIssue? {
        let plain = ANSIText.stripped(text)
        guard let recorded = plain.range(of: marker), let testStart = plain.range(of: "Test ", options: [], range: plain.startIndex..<recorded.lowerBound) else { return nil }
        let test = String(plain[testStart.upperBound..<recorded.lowerBound])
        // The place follows the last " at " before "FILE:LINE:COLUMN: " (arguments may hold " at ").
        var searchFrom = recorded.upperBound
        while let at = plain.range(of: " at ", range: searchFrom..<plain.endIndex) {
            searchFrom = at.upperBound
            let rest = plain[at.upperBound...]
            let parts = rest.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
            guard parts.count == 4, files.contains(String(parts[0])),
                  let line = Int(parts[1]), let column = Int(parts[2]), parts[3].hasPrefix(" ") else { continue }
            return TestIssue(test: test, file: String(parts[0]), line: line, column: column, message: String(parts[3].dropFirst()))
        }
        return nil
    }

    /// The issues the report in `lines` states, in order.
    static func all(in lines: [OutputLine], files: Set<String>) -> [TestIssue] {
        lines.compactMap { parse($0.text, files: files) }
    }

    /// Each issue in the output of `example`'s cell `cell` as an error at the chapter's line and
    /// column (moved right by the indentation of a cell in a list), for the cells of the example
    /// that the place is in; an issue anywhere else is left to the report.
    static func diagnostics(_ example: Example, output: CellOutput) -> [Diagnostic] {
        let files = Set(example.cells.map(\.sourceName))
        return all(in: output.lines, files: files).compactMap { issue in
            guard let cell = example.cells.last(where: { cell in
                cell.sourceName == issue.file && issue.line >= cell.codeLine && issue.line < cell.codeLine + max(cell.lineCount, 1)
            }) else { return nil }
            return Diagnostic(
                file: cell.file, line: issue.line, column: issue.column + cell.codeIndent,
                message: "test \(issue.test) failed: \(issue.message)", category: .run)
        }
    }
}
