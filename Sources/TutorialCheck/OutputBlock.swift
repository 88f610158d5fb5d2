import TutorialExecution
import TutorialModel
/// What an output slot shows: the output of the cells since the previous slot, and how they ended.
package struct OutputBlock: Hashable, Sendable {
    package enum Status: Hashable, Sendable {
        /// The cells ran; the program went on or ended well.
        case ran
        /// The program ended badly in these cells (crash, exit status, timeout).
        case failed(Termination)
        /// The program ended badly in these cells, as a `should_fail` cell said it must.
        case failedAsExpected(Termination)
        /// The cells never ran, for the reason given.
        case notRun(String)
        /// The cells are `no_run` ones, which compiled: there is nothing to show but a note.
        case onlyCompiled
        /// The program did not compile; the compiler's messages for these cells.
        case compileError(String)
        /// The program did not compile, as a `compile_fail` cell said: the compiler's messages
        /// are the output.
        case compileErrorAsExpected(String)
    }

    /// Lines left out of a cell's output: `count` lines before `lines[index]`.
    package struct Omission: Hashable, Sendable {
        package var index: Int
        package var count: Int
    }

    package var lines: [OutputLine] = []
    package var omitted: [Omission] = []
    /// Seconds the cells ran, when known.
    package var duration: Double?
    /// When the first of the cells started, in seconds since the start of the run (the lines'
    /// times count from there too).
    package var start: Double?
    package var status: Status = .ran
    /// True when the block's slot expects other output than this (the page says so).
    package var differs = false
    /// ThreadSanitizer's reports from these cells (`tsan`).
    package var reports: [ThreadSanitizerReport] = []
    /// Why ThreadSanitizer's check did not happen, when it was asked for and could not run.
    package var sanitizerNotRun: String?
    /// Said below the output: processes that outlived the program and were killed, if any.
    package var note: String?
    /// The outcomes of every run, for an example that runs many times (`runs=N`).
    package var distribution: RunDistribution?
    /// How the example was compiled, when not as usual: "optimized", "feature NAME" (the
    /// caption says so); the notes of its cells' words (``CellWord/captionNotes(_:)``).
    package var compiledAs: [String] {
        guard let example else { return [] }
        return CellWordRegistry.captionNotes(for: example)
    }
    /// The example the block's cells belong to: a view reads its cells' words from it.
    package var example: Example?
    /// The indices of the cells the block shows, in its example.
    package var cellIndices: [Int] = []
    /// What was checked of these cells and held, in words ("the output matches the expected
    /// output", a hidden check's message): empty unless the whole example passed.
    package var checks: [String] = []

    package init(lines: [OutputLine], duration: Double?, status: Status) {
        self.lines = lines
        self.duration = duration
        self.status = status
    }

    /// True when there is something to show: output, or something that went wrong.
    package var isWorthShowing: Bool {
        !lines.isEmpty || (status != .ran && status != .onlyCompiled)
    }

    /// The text the cells printed, both streams in arrival order.
    var text: String {
        lines.map { $0.terminated ? $0.text + "\n" : $0.text }.joined()
    }

    /// The block of some cells of one example, from their verdicts: no_run cells that did not
    /// type-check show their messages; a program that did not compile shows the messages of these
    /// cells; a program that ran shows what these cells printed, and how it ended if it ended here.
    package init(cells: [CellVerdict], expectation: Example.Expectation) {
        let broken = cells.compactMap { cell -> String? in
            if !cell.runs, case .compileError(let text) = cell.status { text } else { nil }
        }
        if !broken.isEmpty {
            status = .compileError(broken.joined(separator: "\n"))
            return
        }
        let running = cells.filter(\.runs)
        guard let first = running.first else {
            status = .onlyCompiled
            return
        }
        if expectation == .failToCompile {
            status = first.status
            return
        }
        if running.allSatisfy({ $0.output == nil }) {
            let messages = running.compactMap { cell -> String? in
                if case .compileError(let text) = cell.status { text } else { nil }
            }
            status = messages.isEmpty ? first.status : .compileError(messages.joined(separator: "\n"))
            return
        }
        reports = running.flatMap(\.reports)
        note = running.compactMap(\.note).first
        for cell in running {
            guard let output = cell.output else { continue }
            if output.omittedLines > 0 {
                omitted.append(Omission(index: lines.count + output.omissionIndex, count: output.omittedLines))
            }
            lines += output.lines
        }
        guard let start = first.start else {
            status = .notRun("not run: the example stopped before these cells")
            return
        }
        self.start = start
        duration = max((running.last { $0.end != nil }?.end ?? start) - start, 0)
        for cell in running {
            switch cell.status {
            case .failed, .failedAsExpected: status = cell.status
            default: break
            }
        }
    }

    /// Whether the cells ran (whatever the end), so their output can be compared.
    var hasRun: Bool {
        switch status {
        case .ran, .failed, .failedAsExpected, .compileErrorAsExpected: true
        case .notRun, .compileError, .onlyCompiled: false
        }
    }
}
