import TestSupport
import Foundation
import Testing

/// Exercises through the built tool: the page lists the checks and hides the solution, the build
/// fails when the starter code passes or the solution fails, and the notebook says whether the
/// learner's code passed, naming the check that failed.
@Suite struct ExerciseTests {
    static let chapter = "chapters/01-mean.md"

    @Test func thePageListsTheChecksAndCollapsesTheSolution() throws {
        let book = try TestSupport.copyFixture("exercises")
        let result = try ToolProcess.run(["build"], in: book)
        #expect(result.status == 0, "\(result.stderr)")
        let page = try String(contentsOf: book.appendingPathComponent("site/mean.html"), encoding: .utf8)
        let checks = page.firstMatch(of: /<div class="exercise-checks" data-exercise="mean">(.*?)<\/div>/)?.output.1 ?? ""
        #expect(checks.contains("<li>mean([1, 2, 3, 4]) is 2.5</li><li>the mean of no values is 0</li>"), "\(page)")
        // The solution's code and its output are inside the collapsed box, and only there.
        // (Up to the box's own end, after its last output place: a checked block holds a `<details>` of its own.)
        let solution = page.firstMatch(of: /<details class="solution"><summary>Solution<\/summary>([\s\S]*?)<\/div>\n<\/details>/)?.output.1 ?? ""
        #expect(solution.contains("values.reduce") && TestSupport.preTexts(String(solution)).joined().contains("mean: 2.5\n"), "\(page)")
        #expect(page.components(separatedBy: "values.reduce").count == 2)
        // What the checks print when they run with the solution is the solution's output too.
        #expect(TestSupport.preTexts(String(solution)).joined().contains("the checks passed for [1.0, 2.0, 3.0, 4.0]\n"), "\(solution)")
        #expect(solution.contains("passes every check</span>"), "\(solution)")
        #expect(page.contains("the starter code fails a check</span>, until you complete it"))
    }

    @Test func aStarterThatPassesOrASolutionThatFailsFailsTheBuild() throws {
        let book = try TestSupport.copyFixture("exercises")
        let file = book.appendingPathComponent(Self.chapter)
        let source = try String(contentsOf: file, encoding: .utf8)
        // The starter given the solution's body: nothing is left for the learner to do.
        try source.replacingOccurrences(of: "    return 0\n", with: "    values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)\n")
            .write(to: file, atomically: true, encoding: .utf8)
        let passing = try ToolProcess.run(["build"], in: book)
        #expect(passing.status == 1)
        #expect(passing.stderr.contains(
            "\(Self.chapter):5:1: error: the starter code of the exercise 'mean' passes every check"), "\(passing.stderr)")
        // A solution that divides by the wrong count fails the first check, at its line.
        try source.replacingOccurrences(of: "/ Double(values.count)", with: "/ Double(values.count + 1)")
            .write(to: file, atomically: true, encoding: .utf8)
        let failing = try ToolProcess.run(["build"], in: book)
        #expect(failing.status == 1)
        #expect(failing.stderr.contains("\(Self.chapter):13:1: error: the example 'mean:solution' crashed in this cell"), "\(failing.stderr)")
        #expect(failing.stderr.contains("mean([1, 2, 3, 4]) is 2.5"), "\(failing.stderr)")
    }

    @Test(.enabled(if: Tools.curl || Tools.inCI, "curl is not installed"))
    func theNotebookSaysPassedOrWhichCheckFailed() throws {
        let server = try NotebookTests.Server(fixture: "exercises")
        let given = try NotebookPipelineTests.done(server, example: "mean")
        let failed = given["exercise"] as? [String: Any]
        #expect(failed?["passed"] as? Bool == false, "\(given)")
        #expect(failed?["failure"] as? String == "Precondition failed: mean([1, 2, 3, 4]) is 2.5", "\(given)")
        let fixed = #"func mean(_ values: [Double]) -> Double {\n    values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)\n}\nprint(mean([2, 4]))"#
        let solved = try NotebookPipelineTests.done(server, example: "mean", cells: ["0": fixed])
        #expect((solved["exercise"] as? [String: Any])?["passed"] as? Bool == true, "\(solved)")
        #expect(NotebookPipelineTests.places(solved).contains("3.0"), "\(solved)")
    }

    /// In Chromium: the static page keeps the solution closed; in the notebook the starter fails
    /// naming its check, the learner's fix passes, and the sidebar counts the pass after a reload.
    @Test(.enabled(if: BrowserTests.seleniumReady || Tools.inCI, "chromium, chromedriver or selenium is not installed"))
    func aLearnerFailsThenPassesAnExerciseInTheBrowser() throws {
        let book = try TestSupport.copyFixture("exercises")
        #expect(try ToolProcess.run(["build"], in: book).status == 0)
        let script = TestSupport.fixtures.deletingLastPathComponent().appendingPathComponent("Browser/exercise_test.py")
        let port = Int.random(in: 50_001...60_000)
        let result = try BrowserTests().run("python3", [script.path, ToolProcess.executable.path, book.path, "\(port)"])
        #expect(result.status == 0 && result.output.contains("0 failed checks"), "\(result.output)")
    }
}
