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
    /// Seconds the cell may run before its program is killed (`timeout=N`).
    package var timeout: Double?
    /// Compiled and run, never shown (`hidden`).
    var hidden = false
    /// The example the cell belongs to, when not the chapter's own (`example=NAME`).
    var example: String?
    /// The cell's example runs alone, with nothing else compiling or running (`exclusive`).
    var exclusive = false
    /// How many times the example's program runs (`runs=N`), to show the outcomes' distribution.
    var repeatCount: Int?
    /// Patterns whose matches are masked before runs are compared (`runs_ignore=REGEX`).
    var runsIgnore: [String] = []
    /// Runs must differ (`expect_varies`) or must all be the same (`expect_stable`).
    package var expectVaries = false
    package var expectStable = false
    /// The example is compiled with ThreadSanitizer, whose verdict the page shows (`tsan`).
    var threadSanitizer = false
    /// The example is compiled optimized, with `-O` (`optimize`), for timings that mean something.
    var optimize = false
    /// Upcoming language features the example is compiled with (`feature=NAME`, repeatable).
    var features: [String] = []
    /// The isolation of code that names none (`default_isolation=MainActor` or
    /// `default_isolation=nonisolated`, SE-0466).
    var defaultIsolation: String?

    /// The isolations `default_isolation=` accepts, as `swiftc -default-isolation` spells them.
    static let defaultIsolations = ["MainActor", "nonisolated"]

    /// The vocabulary, as the error for an unknown word lists it.
    static let vocabulary = [
        "ignore", "no_run", "compile_fail", "should_fail", "timeout=N", "hidden", "example=NAME", "exclusive",
        "runs=N", "runs_ignore=REGEX", "expect_varies", "expect_stable", "tsan",
        "optimize", "feature=NAME", "default_isolation=MainActor|nonisolated",
    ]

    /// The most runs `runs=N` may ask for.
    static let maximumRepeatCount = 1000

    package init() {}

    /// Parses the words after `swift`; throws a message for the diagnostic when a word is unknown,
    /// malformed, or contradicts another.
    package init(words: [String]) throws(AttributeError) {
        var modes: [String] = []
        for word in words {
            let parts = word.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(parts[0])
            let value = parts.count == 2 ? String(parts[1]) : nil
            switch (key, value) {
            case ("ignore", nil): mode = .ignore; modes.append(word)
            case ("no_run", nil): mode = .noRun; modes.append(word)
            case ("compile_fail", nil): mode = .compileFail; modes.append(word)
            case ("should_fail", nil): mode = .shouldFail; modes.append(word)
            case ("hidden", nil): hidden = true
            case ("expect_varies", nil): expectVaries = true
            case ("expect_stable", nil): expectStable = true
            case ("tsan", nil): threadSanitizer = true
            case ("optimize", nil): optimize = true
            case ("feature", let value?):
                guard let first = value.first, first.isASCII && first.isLetter,
                      value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                    throw AttributeError("'\(word)': feature takes the name of an upcoming language feature, letters and digits, like feature=NonisolatedNonsendingByDefault")
                }
                if !features.contains(value) { features.append(value) }
            case ("default_isolation", let value?):
                guard Self.defaultIsolations.contains(value) else {
                    throw AttributeError("'\(word)': default_isolation takes MainActor or nonisolated, like default_isolation=MainActor")
                }
                defaultIsolation = value
            case ("runs", let value?):
                guard let count = Int(value), (1...Self.maximumRepeatCount).contains(count) else {
                    throw AttributeError("'\(word)': runs takes a whole number from 1 to \(Self.maximumRepeatCount), like runs=50")
                }
                repeatCount = count
            case ("runs_ignore", let value?):
                guard !value.isEmpty, (try? NSRegularExpression(pattern: value)) != nil else {
                    throw AttributeError("'\(word)': runs_ignore takes a regular expression, like runs_ignore=[0-9.]+ms")
                }
                runsIgnore.append(value)
            case ("exclusive", nil): exclusive = true
            case ("timeout", let value?):
                guard let seconds = Double(value), seconds > 0, seconds.isFinite else {
                    throw AttributeError("'\(word)': timeout takes a number of seconds greater than 0, like timeout=5")
                }
                timeout = seconds
            case ("example", let value?):
                guard !value.isEmpty, value.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" || $0 == "_" }) else {
                    throw AttributeError("'\(word)': an example's name takes letters, digits, - and _ only")
                }
                example = value
            default:
                throw AttributeError("unknown cell word '\(word)'; the known words are: \(Self.vocabulary.joined(separator: ", "))")
            }
        }
        if modes.count > 1 {
            throw AttributeError("the words \(modes.map { "'\($0)'" }.joined(separator: " and ")) contradict each other: use one of them")
        }
        if mode == .ignore && (hidden || timeout != nil || example != nil || exclusive) {
            throw AttributeError("an 'ignore' cell is never compiled or run: other words make no sense with it")
        }
        if mode == .compileFail && (timeout != nil || exclusive) {
            throw AttributeError("a 'compile_fail' cell never runs: 'timeout' and 'exclusive' make no sense with it")
        }
        if expectVaries && expectStable {
            throw AttributeError("the words 'expect_varies' and 'expect_stable' contradict each other: use one of them")
        }
        if mode == .ignore && (repeatCount != nil || !runsIgnore.isEmpty || expectVaries || expectStable || threadSanitizer || optimize || !features.isEmpty || defaultIsolation != nil) {
            throw AttributeError("an 'ignore' cell is never compiled or run: other words make no sense with it")
        }
        if mode == .compileFail && (repeatCount != nil || expectVaries || expectStable || threadSanitizer) {
            throw AttributeError("a 'compile_fail' cell never runs: 'runs', 'expect_varies', 'expect_stable' and 'tsan' make no sense with it")
        }
        if hidden && (mode == .compileFail || mode == .noRun) {
            throw AttributeError("a hidden '\(mode == .noRun ? "no_run" : "compile_fail")' cell would show nothing at all")
        }
    }
}

/// Why a cell's words were refused.
package struct AttributeError: Error, Hashable, Sendable {
    var message: String

    package init(_ message: String) {
        self.message = message
    }
}
