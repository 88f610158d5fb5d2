import TutorialExecution
import TutorialSupport

/// swift-testing's report of a `test` cell's run that passed, as the mark says it: its last line
/// ("✔ Test run with 3 tests in 0 suites passed after 0.001 seconds.", perhaps "with 1 known
/// issue"), which counts skipped and cancelled tests too, and the lines that say which were.
struct TestRunSummary: Hashable, Sendable {
    var tests: Int
    var knownIssues: Int
    var skipped = 0
    var cancelled = 0

    /// The summary in `lines`, when the run passed.
    init?(_ lines: [OutputLine]) {
        let texts = lines.flatMap { ANSIText.stripped($0.text).split(separator: "\n").map(String.init) }
        guard let match = texts.lazy.reversed().compactMap({ $0.firstMatch(of: Self.passed) }).first,
              let tests = Int(match.1) else { return nil }
        self.tests = tests
        self.knownIssues = match.2.flatMap { Int($0) } ?? 0
        for text in texts where text.contains("Test ") && !text.contains("Test run with") {
            if text.firstMatch(of: #/Test .+\) skipped/#) != nil { skipped += 1 }
            if text.firstMatch(of: #/Test .+\) (?:was )?cancelled/#) != nil { cancelled += 1 }
        }
    }

    private static var passed: some RegexComponent<(Substring, Substring, Substring?)> {
        #/Test run with ([0-9]+) tests? (?:in [0-9]+ suites? )?passed(?: after [0-9.]+ seconds)?(?: with ([0-9]+) known issues?)?/#
    }

    var description: String {
        var notes: [String] = []
        if skipped > 0 { notes.append("\(skipped) skipped") }
        if cancelled > 0 { notes.append("\(cancelled) cancelled") }
        if knownIssues > 0 { notes.append("\(knownIssues) known issue\(knownIssues == 1 ? "" : "s") recorded, as expected") }
        let count = tests == 1 ? "1 test" : "\(tests) tests"
        return "\(count) ran, none failed" + (notes.isEmpty ? "" : " (\(notes.joined(separator: "; ")))")
    }
}
