import Foundation
import TutorialExecution

/// The outcomes of many runs of one example (`runs=N`) for some of its cells: the different
/// outputs, each with how many runs gave it, most frequent first. Runs are compared by text
/// (times are not part of it) after masking what `runs_ignore=` patterns match, and by how the
/// program ended when it ended in these cells.
package struct RunDistribution: Hashable, Sendable {
    package struct Outcome: Hashable, Sendable {
        /// The output, masked.
        package var text: String
        /// How the program ended in these cells ("exit 1", "killed by SIGILL"), or nil.
        package var ending: String?
        package var count: Int
        /// The first run (from 1) that gave it.
        var firstRun: Int
        /// The lines of that run in these cells, when it kept them for its lanes (`lanes`), and
        /// when the first of these cells started.
        package var lines: [OutputLine]?
        package var start: Double?
    }

    package var runs: Int
    package var outcomes: [Outcome]
    /// The `runs_ignore=` patterns applied.
    package var masks: [String]

    /// What stands in for masked text.
    package static let maskMark = "…"

    package init(_ summaries: [RunSummary], cells: [Int], masks: [String]) {
        runs = summaries.count
        self.masks = masks
        let expressions = masks.compactMap { try? NSRegularExpression(pattern: $0) }
        var outcomes: [Outcome] = []
        var index: [String: Int] = [:]
        for (number, summary) in summaries.enumerated() {
            var text = cells.filter(summary.cells.indices.contains).map { summary.cells[$0] }.joined()
            text = Self.mask(text, with: expressions)
            let endedHere = summary.lastStartedCell.map(cells.contains) ?? false
            let ending = !summary.termination.succeeded && endedHere ? summary.termination.summary : nil
            let key = "\(ending ?? "")\u{0}\(text)"
            if let existing = index[key] {
                outcomes[existing].count += 1
            } else {
                index[key] = outcomes.count
                var outcome = Outcome(text: text, ending: ending, count: 1, firstRun: number + 1)
                if let kept = summary.lanes {
                    let shown = cells.filter(kept.indices.contains)
                    outcome.lines = shown.flatMap { kept[$0].lines }
                    outcome.start = shown.lazy.compactMap { kept[$0].start }.first
                }
                outcomes.append(outcome)
            }
        }
        // Most frequent first; among equals, the one seen first.
        self.outcomes = outcomes.sorted { ($0.count, -$0.firstRun) > ($1.count, -$1.firstRun) }
    }

    static func mask(_ text: String, with expressions: [NSRegularExpression]) -> String {
        expressions.reduce(text) { text, expression in
            expression.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: maskMark)
        }
    }

    /// "12 different outputs in 50 runs", or "the same output in all 50 runs".
    package var headline: String {
        outcomes.count == 1
            ? "the same output in all \(runs) runs"
            : "\(outcomes.count) different outputs in \(runs) runs"
    }

    /// How many runs ended badly, by how: "3 of 50 runs ended with killed by SIGILL (...)".
    package var endings: [String] {
        var counts: [(String, Int)] = []
        for outcome in outcomes {
            guard let ending = outcome.ending else { continue }
            if let index = counts.firstIndex(where: { $0.0 == ending }) { counts[index].1 += outcome.count } else { counts.append((ending, outcome.count)) }
        }
        return counts.map { "\($0.1) of \(runs) runs ended: \($0.0)" }
    }
}
