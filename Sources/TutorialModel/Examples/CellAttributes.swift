import Foundation

/// The words after `swift` in a cell's info string: how the cell is compiled, run and shown.
package struct CellAttributes: Hashable, Sendable {
    enum Mode: Hashable, Sendable {
        /// Compiled and run with its example (the default).
        case run
        /// Shown and highlighted; never compiled or run (`ignore`).
        case ignore
        /// Type-checked with its example's program, never run (`no_run`).
        case noRun
        /// Compiled and must fail to compile (`compile_fail`).
        case compileFail
        /// Run and must crash, exit non-zero or time out (`should_fail`).
        case shouldFail
    }

    var mode: Mode = .run
    /// The diagnostic groups a `compile_fail` cell's errors must include (`compile_fail=GROUP,…`),
    /// as the compiler names them in `[#GROUP]`.
    package var expectedErrorGroups: [String] = []
    /// The other words, parsed by their types in ``CellWordRegistry``, in the order written.
    var words = CellWords()

    /// The mode words, which stay here: each decides what the cell is, not how it runs.
    static let modeWords: [String: Mode] = ["ignore": .ignore, "no_run": .noRun, "compile_fail": .compileFail, "should_fail": .shouldFail]

    /// The vocabulary, as the error for an unknown word lists it.
    static var vocabulary: [String] {
        ["ignore", "no_run", "compile_fail[=GROUP,…]", "should_fail"] + CellWordRegistry.syntaxes
    }

    package init() {}

    /// Parses the words after `swift`; throws a message for the diagnostic when a word is unknown,
    /// malformed, or contradicts another.
    package init(words: [String]) throws(AttributeError) {
        var modes: [String] = []
        for word in words {
            let parts = word.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(parts[0])
            let value = parts.count == 2 ? String(parts[1]) : nil
            if let mode = Self.modeWords[key], value == nil || mode == .compileFail {
                self.mode = mode
                modes.append(word)
                if let value { expectedErrorGroups = try Self.errorGroups(value, word: word) }
            } else if let type = CellWordRegistry.word(named: key) {
                self.words.append(try type.parsed(value, word: word))
            } else {
                throw AttributeError("unknown cell word '\(word)'; the known words are: \(Self.vocabulary.joined(separator: ", "))")
            }
        }
        if modes.count > 1 {
            throw AttributeError("the words \(modes.map { "'\($0)'" }.joined(separator: " and ")) contradict each other: use one of them")
        }
        if mode == .ignore && !self.words.isEmpty {
            throw AttributeError("an 'ignore' cell is never compiled or run: other words make no sense with it")
        }
        let runWords = self.words.types.filter { $0.needsRun }.map { "'\($0.name)'" }
        if mode == .compileFail && !runWords.isEmpty {
            let listed = runWords.count == 1 ? "\(runWords[0]) makes" : "\(runWords.dropLast().joined(separator: ", ")) and \(runWords.last!) make"
            throw AttributeError("a 'compile_fail' cell never runs: \(listed) no sense with it")
        }
        if expectVaries && expectStable {
            throw AttributeError("the words 'expect_varies' and 'expect_stable' contradict each other: use one of them")
        }
        if hidden && (mode == .compileFail || mode == .noRun) {
            throw AttributeError("a hidden '\(mode == .noRun ? "no_run" : "compile_fail")' cell would show nothing at all")
        }
        try checkExerciseWords(modes)
    }

    /// The group names of `compile_fail=A,B`: each a word of letters and digits, as in `[#A]`.
    private static func errorGroups(_ value: String, word: String) throws(AttributeError) -> [String] {
        let names = value.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        for name in names where name.isEmpty || !name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) || !name.first!.isLetter {
            throw AttributeError("'\(word)': '\(name)' is not a diagnostic group name; write the names the compiler prints in [#…], separated by commas, e.g. compile_fail=SendingRisksDataRace")
        }
        return names
    }

    /// An exercise's cells form examples of their own, which run as they are.
    private func checkExerciseWords(_ modes: [String]) throws(AttributeError) {
        guard let word = exercise.map({ _ in "exercise" }) ?? solution.map({ _ in "solution" }) else { return }
        if exercise != nil && solution != nil {
            throw AttributeError("the words 'exercise' and 'solution' contradict each other: a cell is the starter code (or a check) or the solution")
        }
        if example != nil {
            throw AttributeError("'\(word)' cells form the exercise's own examples: 'example=' makes no sense with it")
        }
        if let mode = modes.first {
            throw AttributeError("'\(word)' cells run as they are: '\(mode)' makes no sense with it")
        }
        if solution != nil && hidden {
            throw AttributeError("a hidden solution would show nothing: the page shows it collapsed")
        }
    }
}

// What the rest of the tool reads of the words that are part of it, by name.
extension CellAttributes {
    /// Seconds the cell may run before its program is killed (`timeout=N`).
    package var timeout: Double? { words.last(TimeoutWord.self)?.seconds }
    /// Compiled and run, never shown (`hidden`).
    package var hidden: Bool { words.has(HiddenWord.self) }
    /// The example the cell belongs to, when not the chapter's own (`example=NAME`).
    var example: String? { words.last(ExampleWord.self)?.example }
    /// The exercise whose starter code (or, hidden, whose check) the cell is (`exercise=NAME`).
    package var exercise: String? { words.last(ExerciseWord.self)?.exercise }
    /// The exercise whose solution the cell is (`solution=NAME`).
    package var solution: String? { words.last(SolutionWord.self)?.exercise }
    /// The cell's example runs alone, with nothing else compiling or running (`exclusive`).
    var exclusive: Bool { words.has(ExclusiveWord.self) }
    /// The output's block is drawn without a timeline (`no_timeline`).
    package var noTimeline: Bool { words.has(NoTimelineWord.self) }
    /// How many times the example's program runs (`runs=N`), to show the outcomes' distribution.
    var repeatCount: Int? { words.last(RunsWord.self)?.count }
    /// Patterns whose matches are masked before runs are compared (`runs_ignore=REGEX`).
    var runsIgnore: [String] { words.all(RunsIgnoreWord.self).map(\.pattern) }
    /// Runs must differ (`expect_varies`) or must all be the same (`expect_stable`).
    package var expectVaries: Bool { words.has(ExpectVariesWord.self) }
    package var expectStable: Bool { words.has(ExpectStableWord.self) }
    /// The example is compiled with ThreadSanitizer, whose verdict the page shows (`tsan`).
    var threadSanitizer: Bool { words.has(TsanWord.self) }
    /// The isolation of code that names none (`default_isolation=`).
    var defaultIsolation: String? { words.last(DefaultIsolationWord.self)?.isolation }
}

/// Why a cell's words were refused.
package struct AttributeError: Error, Hashable, Sendable {
    var message: String

    package init(_ message: String) {
        self.message = message
    }
}
