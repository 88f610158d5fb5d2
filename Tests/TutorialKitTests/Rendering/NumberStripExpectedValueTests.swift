import TestSupport
import Testing
@testable import TutorialCheck
@testable import TutorialExecution
@testable import TutorialModel
@testable import TutorialRender

/// A number strip marks the value a hidden check names for its number (`NAME OP NUMBER`).
@Suite struct NumberStripExpectedValueTests {
    static func distribution(_ outputs: [String]) -> RunDistribution {
        let runs = outputs.map { text in
            RunSummary(RunResult(cells: [CellOutput(lines: [OutputLine(stream: .stdout, text: text, time: 0)], start: 0)], termination: .exited(0), duration: 0))
        }
        return RunDistribution(runs, cells: [0], masks: [])
    }

    static func numeric(_ code: String) -> NumericCheck? {
        CheckCall.calls(in: code).first.flatMap(NumericCheck.init)
    }

    @Test func aCheckComparingANameWithANumberIsRead() throws {
        let check = try #require(Self.numeric("    precondition(total <= 4_000_000, \"no increment counted twice\")"))
        #expect(check.subject == "total")
        #expect(check.relation == .atMost)
        #expect(check.value == 4_000_000)
        #expect(check.description == "no increment counted twice")
        // The other way round, the relation is turned.
        let mirrored = try #require(Self.numeric("assert(10 > counter.value)"))
        #expect(mirrored.subject == "counter.value")
        #expect(mirrored.relation == .below)
        #expect(mirrored.value == 10)
        #expect(Self.numeric("precondition(x == -0.5, \"half\")")?.value == -0.5)
    }

    @Test func otherConditionsAreNoNumericCheck() {
        #expect(Self.numeric("precondition(a == b, \"same\")") == nil)
        #expect(Self.numeric("precondition(total <= 4 && ok, \"both\")") == nil)
        #expect(Self.numeric("precondition(f(x) == 3)") == nil)
        #expect(Self.numeric("print(total == 3)") == nil)
        #expect(Self.numeric("precondition(total <= 4 + 1)") == nil)
    }

    @Test func theStripMarksTheExpectedValueAndWidensItsScaleToIt() throws {
        let check = try #require(Self.numeric("precondition(total <= 4000, \"no update is counted twice\")"))
        let outputs = [3100, 3500, 3900, 3500].map { "total \($0) of 4000\n" }
        let html = try #require(NumberStrips.html(Self.distribution(outputs), checks: [check], code: "print(\"total \\(total) of 4000\")"))
        #expect(html.contains("max 3900, 3 different values; expected at most 4000 (a check: no update is counted twice)."), "\(html)")
        let mark = try #require(html.firstMatch(of: /<line class="strip-expected" x1="([0-9.]+)"/))
        let max = try #require(html.firstMatch(of: /<text class="strip-label" x="([0-9.]+)"[^>]*>max 3900/))
        // 4000 is past the largest total: its mark is right of the max's, at the scale's end.
        #expect(Double(mark.1)! > Double(max.1)!)
        #expect(Double(mark.1)! == NumberStrips.width - NumberStrips.margin)
        #expect(html.contains(">expected at most 4000</text>"), "\(html)")
        #expect(html.contains("aria-label=\"total N of 4000: min 3100, median 3500, max 3900 over 4 runs; expected at most 4000\""), "\(html)")
    }

    @Test func withoutACheckTheStripIsAsBefore() throws {
        let outputs = [3100, 3500, 3900, 3500].map { "total \($0)\n" }
        let html = try #require(NumberStrips.html(Self.distribution(outputs)))
        #expect(!html.contains("expected"))
        #expect(html.contains("viewBox=\"0 0 480 64\""), "\(html)")
    }

    @Test func withSeveralStripsTheCodeTiesEachCheckToItsNumber() throws {
        let hits = try #require(Self.numeric("precondition(hits <= 100, \"at most 100 hits\")"))
        let misses = try #require(Self.numeric("precondition(misses >= 0, \"no negative misses\")"))
        let code = "print(\"hits \\(hits)\")\nprint(\"misses: \\(misses) in all\")\n"
        let targets = NumberStrips.targets([hits, misses], contexts: ["hits N", "misses: N in all"], code: code)
        #expect(targets[0] == hits)
        #expect(targets[1] == misses)
        // A check whose name the output does not print goes nowhere.
        #expect(NumberStrips.targets([hits], contexts: ["a N", "b N"], code: "print(\"a \\(a) b \\(b)\")").isEmpty)
    }

    @Test func aDistributionViewMarksOnlyAHeldCheck() throws {
        let source = "```swift runs=4\nlet total = Int.random(in: 0..<10)\nprint(\"total \\(total)\")\n```\n\n```swift hidden\nprecondition(total < 10, \"total stays below 10\")\n```\n"
        var block = OutputBlock(lines: [], duration: nil, status: .ran)
        block.example = TestSupport.example(source)
        block.cellIndices = [0, 1]
        block.distribution = Self.distribution(["total 1\n", "total 5\n", "total 7\n", "total 5\n"])
        #expect(!(try #require(DistributionView().html(for: block))).contains("strip-expected"))
        block.checks = ["total stays below 10 (in each of the 4 runs)"]
        let html = try #require(DistributionView().html(for: block))
        #expect(html.contains("expected below 10 (a check: total stays below 10)"), "\(html)")
    }
}
