import Foundation
import Synchronization
import TutorialCheck
import TutorialExecution

/// What a build did and when: every step with its start and end, for `--report`. Compiles and
/// runs come from the examples' own records; the steps of the build itself are recorded here.
public final class BuildTimeline: Sendable {
    /// One step: what kind (`start-up`, `examples`, `compile`, `run`, `highlight`, `site`,
    /// `write`), which one, and its start and end in seconds since the Unix epoch.
    public struct Span: Sendable, Equatable {
        public var kind: String
        public var name: String
        public var start: Double
        public var end: Double
    }

    private let spans = Mutex<[Span]>([])

    public init() {}

    /// The steps recorded so far, in the order they started.
    public var recorded: [Span] {
        spans.withLock { $0 }.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
    }

    /// Records a step that began at `start` and ends now.
    func record(_ kind: String, _ name: String, since start: Double) {
        add(Span(kind: kind, name: name, start: start, end: Date().timeIntervalSince1970))
    }

    func add(_ span: Span) {
        spans.withLock { $0.append(span) }
    }

    /// Adds each compile and run of `verdicts` that this build did (not those from a cache).
    func addExamples(_ verdicts: [ExampleVerdict]) {
        for verdict in verdicts {
            let outcome = verdict.outcome
            let name = verdict.example.name
            if !outcome.prepared.cached, let compile = outcome.prepared.compile, let start = compile.startedAt, let end = compile.endedAt {
                add(Span(kind: "compile", name: name, start: start, end: end))
            }
            if !outcome.runCached, let run = outcome.run, let start = run.startedAt, let end = run.endedAt {
                add(Span(kind: "run", name: name, start: start, end: end))
            }
        }
    }

    /// Runs `work` as a step of this kind and name.
    func measure<T, E: Error>(_ kind: String, _ name: String, _ work: () throws(E) -> T) throws(E) -> T {
        let start = Date().timeIntervalSince1970
        defer { record(kind, name, since: start) }
        return try work()
    }

    func measure<T: Sendable>(_ kind: String, _ name: String, _ work: () async -> T) async -> T {
        let start = Date().timeIntervalSince1970
        defer { record(kind, name, since: start) }
        return await work()
    }

    /// When this process started, in seconds since the Unix epoch (to a clock tick): its start
    /// in ticks since boot (`/proc/self/stat`) against the time since boot now
    /// (`CLOCK_BOOTTIME`, the clock those ticks count). Nil where it cannot be read.
    public static let processStart: Double? = {
        guard let ticks = ProcStat(pid: getpid())?.startTime else { return nil }
        var now = timespec()
        let perSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
        guard perSecond > 0, clock_gettime(CLOCK_BOOTTIME, &now) == 0 else { return nil }
        let sinceBoot = Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
        return Date().timeIntervalSince1970 - (sinceBoot - Double(ticks) / perSecond)
    }()
}
