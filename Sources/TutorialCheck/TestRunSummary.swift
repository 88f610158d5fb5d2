import TutorialExecution
import TutorialSupport

/// swift-testing's last line for a `test` cell's run that passed ("✔ Test run with 3 tests in 0
/// suites passed after 0.001 seconds.", perhaps "with 1 known issue"), as the mark says it.
struct TestRunSummary: Hashable, Sendable {
    var tests: Int
    var knownIssues: Int

    /// The summary in `lines`, when the run passed.
    init?(_ lines: [OutputLine]) {
        for line in lines.reversed() {
            let text = ANSIText.stripped(line.text)
            guard let match = text.firstMatch(of: #/Test run with ([0-9]+) tests? (?:in [0-9]+ suites? )?passed(?: after [0-9.]+ seconds)?(?: with ([0-9]+) known issues?)?/#),
                  let tests = Int(match.1) else { continue }
            self.tests = tests
            self.knownIssues = match.2.flatMap { Int($0) } ?? 0
            return
        }
        return nil
    }

    var description: String {
        let ran = tests == 1 ? "the test ran and passed" : "all \(tests) tests ran and passed"
        guard knownIssues > 0 else { return ran }
        return ran + " (with \(knownIssues) known issue\(knownIssues == 1 ? "" : "s") recorded, as expected)"
    }
}
