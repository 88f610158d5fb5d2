/// What an output slot shows: the output of the cells since the previous slot, and how they ended.
public struct OutputBlock: Hashable, Sendable {
    public enum Status: Hashable, Sendable {
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
    public struct Omission: Hashable, Sendable {
        public var index: Int
        public var count: Int
    }

    public var lines: [OutputLine] = []
    public var omitted: [Omission] = []
    /// Seconds the cells ran, when known.
    public var duration: Double?
    /// When the first of the cells started, in seconds since the start of the run (the lines'
    /// times count from there too).
    public var start: Double?
    public var status: Status = .ran
    /// Said below the output: processes that outlived the program and were killed, if any.
    public var note: String?

    public init(lines: [OutputLine], duration: Double?, status: Status) {
        self.lines = lines
        self.duration = duration
        self.status = status
    }

    /// True when there is something to show: output, or something that went wrong.
    public var isWorthShowing: Bool {
        !lines.isEmpty || (status != .ran && status != .onlyCompiled)
    }

    /// The text the cells printed, both streams in arrival order.
    public var text: String {
        lines.map { $0.terminated ? $0.text + "\n" : $0.text }.joined()
    }

    /// Gathers the block of `cells` (indices into the example) from an example's outcome.
    public init(cells: [Int], outcome: ExampleOutcome) {
        let example = outcome.example
        let broken = cells.filter { outcome.prepared.typeChecks[$0]?.succeeded == false }
        if !broken.isEmpty {
            let text = broken.compactMap { index in outcome.typeCheckLogs[index].map { Self.messages($0, cells: [index]) } }
            status = .compileError(text.joined(separator: "\n"))
            return
        }
        let running = cells.filter { example.cells[$0].runs }
        guard !running.isEmpty else {
            status = .onlyCompiled
            return
        }
        guard let compile = outcome.prepared.compile, let log = outcome.compilerLog else { return }
        if example.expectation == .failToCompile {
            status = compile.succeeded
                ? .notRun("this cell compiled, but it must not (compile_fail)")
                : .compileErrorAsExpected(Self.messages(log, cells: nil))
            return
        }
        guard compile.succeeded, let run = outcome.run else {
            let own = Self.messages(log, cells: running)
            if !own.isEmpty {
                status = .compileError(own)
            } else if running.contains(example.programCells[0].index) && !log.entries.contains(where: { $0.cell != nil }) {
                // Messages that point at no cell are shown with the first cell.
                let all = Self.messages(log, cells: nil)
                status = .compileError(all.isEmpty ? "the example did not compile" : all)
            } else {
                status = .notRun("not run: the example did not compile")
            }
            return
        }
        for index in running {
            let cell = run.cells[index]
            if cell.omittedLines > 0 {
                omitted.append(Omission(index: lines.count + cell.omissionIndex, count: cell.omittedLines))
            }
            lines += cell.lines
        }
        guard let first = running.first, let last = running.last, let start = run.cells[first].start else {
            status = .notRun("not run: the example stopped before these cells")
            return
        }
        let next = run.cells.indices.dropFirst(last + 1).lazy.compactMap { run.cells[$0].start }.first
        self.start = start
        duration = max((next ?? run.duration) - start, 0)
        if !run.termination.succeeded, let ended = run.lastStartedCell, running.contains(ended) {
            status = example.expectation == .failToRun ? .failedAsExpected(run.termination) : .failed(run.termination)
        }
        if let ended = run.lastStartedCell, running.contains(ended) { note = run.outlivedSummary }
    }

    /// The compiler's messages about `cells` (all of them for nil), as the compiler printed them.
    private static func messages(_ log: CompilerLog, cells: [Int]?) -> String {
        let entries = log.entries.filter { entry in cells.map { entry.cell.map($0.contains) ?? false } ?? true }
        let text = entries.map(\.text).joined(separator: "\n")
        return cells == nil ? log.preamble + text : text
    }
}
