import Foundation
import TutorialCheck
import TutorialExecution

/// One event of a notebook run, sent to the page as a line of JSON (`{"event": "line", …}`):
/// typed here, written by `JSONEncoder`.
enum NotebookEvent: Encodable, Sendable {
    /// The run waits for its turn, with how many runs are ahead of it.
    case queued(ahead: Int)
    case compiling
    /// Sent every second while nothing else is, so that a page that left is noticed.
    case tick
    case error(String)
    /// The compiler is done: its messages placed in the cells.
    case compiled(seconds: Double, cached: Bool, errors: [CellMessage])
    /// A line of output, as soon as it is complete: its text, and the same escaped with its
    /// terminal colours as spans (``LiveLineStyler``).
    case line(cell: Int, stream: OutputChannel, text: String, html: String, time: Double)
    /// The end: each place of the output rendered as a build renders it.
    case done(Done)

    /// A compiler message, with its line and column counted from the cell's first line.
    struct CellMessage: Encodable, Sendable, Hashable {
        var severity: String
        var message: String
        var text: String
        var cell: Int?
        var line: Int?
        var column: Int?
    }

    /// The rendered output of the cells feeding one place of the page (`"book:2 book:3"`).
    struct Place: Encodable, Sendable {
        var cells: String
        var html: String
    }

    /// An edited cell's code, highlighted.
    struct Code: Encodable, Sendable {
        var cell: Int
        var html: String
    }

    struct Done: Encodable, Sendable {
        var places: [Place]
        var code: [Code]
        /// How the program ended ("exit 1", "stopped"), or "" when it ended well.
        var ending: String
        /// The build's diagnostics about the run, in its words.
        var problems: [String]
        var succeeded: Bool
        /// For an exercise: whether the learner's code passed its checks.
        var exercise: ExerciseResult?
    }

    /// How a learner's run of an exercise went: passed, or the check that failed.
    struct ExerciseResult: Encodable, Sendable {
        var passed: Bool
        /// The failed check's message ("Precondition failed: …" as the runtime printed it), or
        /// how the run ended when no check failed (it did not compile, it crashed elsewhere).
        var failure: String?

        init(_ verdict: ExampleVerdict) {
            passed = verdict.succeeded
            guard !passed else { return }
            let lines = verdict.outcome.run?.cells.flatMap(\.lines).map(\.text) ?? []
            if let check = lines.first(where: { $0.contains("Precondition failed") || $0.contains("Assertion failed") }) {
                failure = check.split(separator: ": ", maxSplits: 1).last.map(String.init) ?? check
            } else {
                failure = verdict.outcome.run?.termination.summary ?? "did not compile"
            }
        }
    }

    private enum Key: String, CodingKey {
        case event, message, seconds, cached, errors, cell, stream, text, html, time, places, code, ending, problems, succeeded, ahead, exercise
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        switch self {
        case .queued(let ahead):
            try container.encode("queued", forKey: .event)
            try container.encode(ahead, forKey: .ahead)
        case .compiling: try container.encode("compiling", forKey: .event)
        case .tick: try container.encode("tick", forKey: .event)
        case .error(let message):
            try container.encode("error", forKey: .event)
            try container.encode(message, forKey: .message)
        case .compiled(let seconds, let cached, let errors):
            try container.encode("compiled", forKey: .event)
            try container.encode(seconds, forKey: .seconds)
            try container.encode(cached, forKey: .cached)
            try container.encode(errors, forKey: .errors)
        case .line(let cell, let stream, let text, let html, let time):
            try container.encode("line", forKey: .event)
            try container.encode(cell, forKey: .cell)
            try container.encode(stream.rawValue, forKey: .stream)
            try container.encode(text, forKey: .text)
            try container.encode(html, forKey: .html)
            try container.encode(time, forKey: .time)
        case .done(let done):
            try container.encode("done", forKey: .event)
            try container.encode(done.places, forKey: .places)
            try container.encode(done.code, forKey: .code)
            try container.encode(done.ending, forKey: .ending)
            try container.encode(done.problems, forKey: .problems)
            try container.encode(done.succeeded, forKey: .succeeded)
            try container.encodeIfPresent(done.exercise, forKey: .exercise)
        }
    }

    /// The event as one line of JSON, newline included.
    var line: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Every value is a string, number or bool: encoding cannot fail.
        return ((try? encoder.encode(self)) ?? Data(#"{"event":"error","message":"an event could not be written"}"#.utf8)) + Data([0x0A])
    }

    /// The compiler's messages about each cell of `outcome`'s example, placed in the cell as the
    /// page shows it, each once.
    static func cellMessages(_ outcome: ExampleOutcome) -> [CellMessage] {
        let example = outcome.example
        let logs = [outcome.compilerLog].compactMap { $0 } + outcome.typeCheckLogs.sorted { $0.key < $1.key }.map(\.value)
        var messages: [CellMessage] = []
        for log in logs {
            for entry in log.entries where entry.diagnostic.severity != .note {
                let cell = entry.cell.map { example.cells[$0] }
                let message = CellMessage(
                    severity: entry.diagnostic.severity.rawValue, message: entry.diagnostic.message,
                    text: entry.text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n"),
                    cell: entry.cell,
                    line: cell.flatMap { cell in entry.diagnostic.line.map { $0 - cell.codeLine + 1 } },
                    column: cell.flatMap { cell in entry.diagnostic.column.map { $0 - cell.codeIndent } })
                // The same message at the same place (from the compile and a type check) once.
                if !messages.contains(where: { ($0.cell, $0.line, $0.column, $0.message) == (message.cell, message.line, message.column, message.message) }) {
                    messages.append(message)
                }
            }
            if log.entries.isEmpty && !log.preamble.isEmpty {
                messages.append(CellMessage(severity: "error", message: log.preamble, text: ""))
            }
        }
        return messages
    }
}
