/// The channel a line of output came from (named so as not to shadow Foundation's `OutputStream`).
package enum OutputChannel: String, Codable, Hashable, Sendable {
    case stdout, stderr
}

/// One line a program printed.
public struct OutputLine: Codable, Hashable, Sendable {
    package var stream: OutputChannel
    /// The line's text, without its line break.
    package var text: String
    /// Seconds since the start of the run at which the line's first byte arrived.
    package var time: Double
    /// False for a last line that the program left without a line break.
    package var terminated: Bool
    /// Who printed the line, for an example that says `lanes` (``LineOrigin``); nil for a line
    /// that carried no tag (stderr, `FileHandle`, C `write`, child processes) and in runs cached
    /// before lanes existed.
    package var origin: LineOrigin?

    package init(stream: OutputChannel, text: String, time: Double, terminated: Bool = true) {
        self.stream = stream
        self.text = text
        self.time = time
        self.terminated = terminated
    }
}

/// What one cell printed.
package struct CellOutput: Codable, Hashable, Sendable {
    package var lines: [OutputLine] = []
    /// When the cell started, in seconds since the start of the run; nil if it never started.
    package var start: Double?
    /// Lines dropped from the middle because the cell printed too much.
    package var omittedLines: Int = 0
    /// Where in ``lines`` the omitted lines were.
    package var omissionIndex: Int = 0

    package init(lines: [OutputLine] = [], start: Double? = nil, omittedLines: Int = 0, omissionIndex: Int = 0) {
        self.lines = lines
        self.start = start
        self.omittedLines = omittedLines
        self.omissionIndex = omissionIndex
    }

    /// The text exactly as printed, both streams in arrival order.
    var text: String {
        lines.map { $0.terminated ? $0.text + "\n" : $0.text }.joined()
    }
}

/// How a process ended.
public enum Termination: Codable, Hashable, Sendable {
    case exited(Int32)
    case signaled(Int32)
    case timedOut(seconds: Double)
    /// Killed, or crashed, at the memory limit (`--memory-limit`) of so many bytes, held the way
    /// `by` says (nil when not known).
    case exceededMemoryLimit(bytes: Int, by: LimitEnforcement? = nil)
    /// Killed for writing more than `--disk-limit` bytes into its scratch and temporary folders.
    case exceededDiskLimit(bytes: Int, by: LimitEnforcement? = nil)
    case failedToStart(String)

    package var succeeded: Bool { self == .exited(0) }

    /// A short description for captions and diagnostics: "exit 1", "timed out after 30 s".
    public var summary: String {
        switch self {
        case .exited(let code): "exit \(code)"
        case .signaled(let signal): "killed by \(SignalName.describe(signal))"
        case .timedOut(let seconds): "timed out after \(Seconds.format(seconds))"
        case .exceededMemoryLimit(let bytes, _): "exceeded the memory limit (\(MemorySize(bytes: bytes)))"
        case .exceededDiskLimit(let bytes, _): "exceeded the disk limit (\(MemorySize(bytes: bytes)))"
        case .failedToStart(let reason): "could not start: \(reason)"
        }
    }

    /// For a run stopped at a limit, how the limit was held: "limit held by the run's cgroup
    /// (memory.max)". The page and the diagnostic say it after ``summary``.
    public var enforcementNote: String? {
        switch self {
        case .exceededMemoryLimit(_, let by?), .exceededDiskLimit(_, let by?): "limit held by \(by.description)"
        default: nil
        }
    }
}

/// The result of running an example: each cell's output and how the program ended.
public struct RunResult: Codable, Hashable, Sendable {
    package var cells: [CellOutput]
    public var termination: Termination
    /// Seconds from start to end of the run.
    package var duration: Double
    /// The Swift runtime's crash report (with the backtrace), when the program crashed.
    package var crashReport: String?
    /// When the run started and ended, in seconds since 1970.
    package var startedAt: Double?
    package var endedAt: Double?
    /// The other runs of the program, for an example that runs many times (`runs=N`): this
    /// run is the first of them.
    package var repeats: [RunSummary]?
    /// The command lines of the processes still alive when the program ended (it left them
    /// behind, in its session or out of it), which were killed then.
    var outlived: [String]?
    /// How many processes outlived the program, when more than `outlived` names.
    var outlivedCount: Int?

    package init(cells: [CellOutput], termination: Termination, duration: Double) {
        self.cells = cells
        self.termination = termination
        self.duration = duration
    }

    /// What the page and the diagnostics say of the processes that outlived the program, if any:
    /// "1 process outlived the example and was killed: sleep 300".
    package var outlivedSummary: String? {
        guard let outlived, !outlived.isEmpty else { return nil }
        let count = max(outlivedCount ?? 0, outlived.count)
        let shown = outlived.prefix(5).joined(separator: ", ") + (count > 5 ? ", ..." : "")
        return count == 1
            ? "1 process outlived the example and was killed: \(shown)"
            : "\(count) processes outlived the example and were killed: \(shown)"
    }

    /// The cell that was running when the program ended: the last one that started.
    package var lastStartedCell: Int? {
        cells.indices.last { cells[$0].start != nil }
    }
}

/// One run of many, condensed to what runs are compared by: each cell's text and the end.
package struct RunSummary: Codable, Hashable, Sendable {
    /// What each cell printed, both streams in arrival order.
    package var cells: [String]
    package var termination: Termination
    /// The cell that was running when the program ended.
    package var lastStartedCell: Int?
    /// Every cell's lines, kept only for a run whose lines say who printed them (`lanes`), so
    /// that the page can draw the lanes of the most frequent output.
    package var lanes: [CellOutput]?

    package init(_ result: RunResult) {
        cells = result.cells.map(\.text)
        termination = result.termination
        lastStartedCell = result.lastStartedCell
        if result.cells.contains(where: { $0.lines.contains { $0.origin != nil } }) { lanes = result.cells }
    }
}

/// Formats durations the way captions and the terminal show them.
package enum Seconds {
    package static func format(_ seconds: Double) -> String {
        if seconds >= 10 || (seconds >= 1 && seconds == seconds.rounded()) { return "\(Int(seconds.rounded())) s" }
        let hundredths = Int((seconds * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction) s"
    }
}
