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
    /// For each example, the cells feeding each place of its output, whose blocks the verdict makes.
    private let places: [String: [[Int]]]

    package init(plans: [ChapterPlan]) {
        var expectations: [String: [Expectation]] = [:]
        var places: [String: [[Int]]] = [:]
        for placement in plans.flatMap(\.placements) {
            for (example, cells) in placement.cellsByExample { places[example, default: []].append(cells) }
            guard let slot = placement.slot, let expected = placement.expected else { continue }
            for (example, cells) in placement.cellsByExample {
                expectations[example, default: []].append(Expectation(slot: slot, expected: expected, cells: cells))
            }
        }
        self.expectations = expectations
        self.places = places
    }

    /// The verdict of one example's outcome.
    package func verdict(for outcome: ExampleOutcome) -> ExampleVerdict {
        var verdict = ExampleVerdict(outcome)
        verdict.prepareBlocks(for: places[outcome.example.name] ?? [])
        for expectation in expectations[outcome.example.name] ?? [] {
            verdict.check(slot: expectation.slot, expected: expectation.expected, cells: expectation.cells)
        }
        return verdict
    }
}
