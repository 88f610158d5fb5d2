import TutorialModel
/// The check stage: decides what each example's outcome means (its ``ExampleVerdict``) as soon
/// as it has run, comparing its output with every slot of the book that says what it must print.
package struct BookChecker: Sendable {
    private struct Expectation: Sendable {
        var slot: FencedBlock
        var expected: ExpectedOutput
        var cells: [Int]
    }

    /// For each example, the slots with an expectation that its cells feed.
    private let expectations: [String: [Expectation]]

    package init(plans: [ChapterPlan]) {
        var expectations: [String: [Expectation]] = [:]
        for placement in plans.flatMap(\.placements) {
            guard let slot = placement.slot, let expected = placement.expected else { continue }
            for (example, cells) in placement.cellsByExample {
                expectations[example, default: []].append(Expectation(slot: slot, expected: expected, cells: cells))
            }
        }
        self.expectations = expectations
    }

    /// The verdict of one example's outcome.
    package func verdict(for outcome: ExampleOutcome) -> ExampleVerdict {
        var verdict = ExampleVerdict(outcome)
        for expectation in expectations[outcome.example.name] ?? [] {
            verdict.check(slot: expectation.slot, expected: expectation.expected, cells: expectation.cells)
        }
        return verdict
    }
}
