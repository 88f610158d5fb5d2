/// Every cell word besides the modes (`ignore`, `no_run`, `compile_fail`, `should_fail`), in the
/// order the vocabulary lists them. Parsing, the vocabulary, the compile flags, the run settings,
/// the caption's notes and the words' output views are all derived from this one list: a new
/// word is its own type, added here.
package enum CellWordRegistry {
    package static let all: [any CellWord.Type] = [
        TimeoutWord.self, HiddenWord.self, ExampleWord.self, ExclusiveWord.self,
        RunsWord.self, RunsIgnoreWord.self, ExpectVariesWord.self, ExpectStableWord.self, TsanWord.self,
        OptimizeWord.self, FeatureWord.self, DefaultIsolationWord.self, StdinWord.self, ExerciseWord.self, SolutionWord.self,
        LanesWord.self, TestWord.self, NoTimelineWord.self,
    ]

    /// The word called `name` (before any `=`), if there is one.
    static func word(named name: String) -> (any CellWord.Type)? {
        all.first { $0.name == name }
    }

    /// How each word is written, in order.
    static var syntaxes: [String] { all.map { $0.syntax } }

    /// The flags particular to `example`, from each word in the registry's order.
    package static func compileFlags(for example: Example) -> [String] {
        all.flatMap { $0.compileFlags(in: example) }
    }

    /// How `example`'s program runs, as its words say.
    package static func runSettings(for example: Example) -> RunSettings {
        var settings = RunSettings()
        for word in all { word.configure(&settings, in: example) }
        return settings
    }

    /// The caption's notes for `example`, such as how it was compiled when not as usual.
    package static func captionNotes(for example: Example) -> [String] {
        all.flatMap { $0.captionNotes(in: example) }
    }

    /// The flags words add, as the footer lists them, in the registry's order.
    package static var footerFlags: [(flags: String, caption: String)] {
        all.compactMap { $0.footerFlags }
    }

    /// What the words of `example` find wrong in its runs, in the registry's order.
    package static func findings(for example: Example, runs: RunsEvidence) -> [CellWordFinding] {
        all.flatMap { $0.findings(in: example, runs: runs) }
    }

}

extension CellWord {
    // Entry points the registry calls on each word type, with the example's uses of it.
    static func compileFlags(in example: Example) -> [String] { compileFlags(uses(in: example)) }
    static func configure(_ settings: inout RunSettings, in example: Example) { configure(&settings, uses: uses(in: example)) }
    static func captionNotes(in example: Example) -> [String] { captionNotes(uses(in: example)) }
    static func findings(in example: Example, runs: RunsEvidence) -> [CellWordFinding] {
        findings(uses(in: example), example: example, runs: runs)
    }
    static func parsed(_ value: String?, word: String) throws(AttributeError) -> any CellWord { try parse(value, word: word) }
    /// The panel of the word's uses in the cells at `indices` of `example`, if it shows one there.
    package static func panel(in example: Example, cells indices: [Int]) -> CellWordPanel? {
        panel(uses(in: example, cells: indices))
    }
}
