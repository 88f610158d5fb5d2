/// What the runs of an example (`runs=N`) printed, grouped by output, for the words that judge
/// them (`expect_stable`, `expect_varies`): the check stage makes it, a word reads it.
package struct RunsEvidence: Sendable {
    /// One output and how many runs gave it.
    package struct Outcome: Sendable {
        /// The whole program's output, with `runs_ignore=` matches masked.
        package var text: String
        /// How the program ended, when it ended badly ("exit 1").
        package var ending: String?
        /// The first run (from 1) that gave it.
        package var firstRun: Int
        package var count: Int

        package init(text: String, ending: String?, firstRun: Int, count: Int) {
            self.text = text
            self.ending = ending
            self.firstRun = firstRun
            self.count = count
        }
    }

    /// How many times the program ran.
    package var runCount: Int
    /// The different outputs, most frequent first.
    package var outcomes: [Outcome]
    /// "12 different outputs in 50 runs", or "the same output in all 50 runs".
    package var headline: String

    package init(runCount: Int, outcomes: [Outcome], headline: String) {
        self.runCount = runCount
        self.outcomes = outcomes
        self.headline = headline
    }
}

/// A problem a word finds in what its example did, at the cell that says the word.
package struct CellWordFinding: Hashable, Sendable {
    package var cell: Int
    package var message: String

    package init(cell: Int, message: String) {
        self.cell = cell
        self.message = message
    }
}
