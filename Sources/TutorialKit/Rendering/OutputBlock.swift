/// What an output slot shows: the output of the cells since the previous slot, and how they ended.
public struct OutputBlock: Hashable, Sendable {
    public enum Status: Hashable, Sendable {
        /// The cells ran; the program went on or ended well.
        case ran
        /// The program ended badly in these cells (crash, exit status, timeout).
        case failed(Termination)
        /// The cells never ran, for the reason given.
        case notRun(String)
        /// The program did not compile; the compiler's messages for these cells.
        case compileError(String)
    }

    /// Lines left out of a cell's output: `count` lines before `lines[index]`.
    public struct Omission: Hashable, Sendable {
        public var index: Int
        public var count: Int
    }

    public var lines: [OutputLine] = []
    public var omitted: [Omission] = []
    /// Seconds the cells ran, when known.
    public var duration: Double?
    public var status: Status = .ran

    /// True when there is something to show: output, or something that went wrong.
    public var isWorthShowing: Bool {
        !lines.isEmpty || status != .ran
    }

    /// Gathers the block of `cells` (indices into the example) from an example's outcome.
    public init(cells: [Int], outcome: ExampleOutcome) {
        guard let first = cells.first, let last = cells.last else { return }
        guard outcome.prepared.compile.succeeded, let run = outcome.run else {
            let messages = outcome.compilerLog.entries.filter { $0.cell.map(cells.contains) ?? false }
            if !messages.isEmpty {
                status = .compileError(messages.map(\.text).joined(separator: "\n"))
            } else if cells.contains(0) && !outcome.compilerLog.entries.contains(where: { $0.cell != nil }) {
                // Messages that point at no cell are shown with the first one.
                let all = outcome.compilerLog.preamble + outcome.compilerLog.entries.map(\.text).joined(separator: "\n")
                status = .compileError(all.isEmpty ? "the example did not compile" : all)
            } else {
                status = .notRun("not run: the example did not compile")
            }
            return
        }
        for index in cells {
            let cell = run.cells[index]
            if cell.omittedLines > 0 {
                omitted.append(Omission(index: lines.count + cell.omissionIndex, count: cell.omittedLines))
            }
            lines += cell.lines
        }
        guard let start = run.cells[first].start else {
            status = .notRun("not run: the example stopped before these cells")
            return
        }
        let next = run.cells.indices.contains(last + 1) ? run.cells[last + 1].start : nil
        duration = max((next ?? run.duration) - start, 0)
        if !run.termination.succeeded, let ended = run.lastStartedCell, cells.contains(ended) {
            status = .failed(run.termination)
        }
    }

    public init(lines: [OutputLine], duration: Double?, status: Status) {
        self.lines = lines
        self.duration = duration
        self.status = status
    }
}
