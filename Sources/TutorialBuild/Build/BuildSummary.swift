import Foundation
import TutorialCheck
import TutorialExecution
import TutorialModel

/// Words for the terminal about a build: a line per example, and the summary at the end.
public enum BuildSummary {
    /// `[3/11] multithreading  compiled 0.31 s  ran 2.02 s`, or `... cached`.
    public static func line(_ verdict: ExampleVerdict, position: Int, total: Int, width: Int) -> String {
        let outcome = verdict.outcome
        let name = outcome.example.name.padding(toLength: max(width, outcome.example.name.count), withPad: " ", startingAt: 0)
        var line = "[\(position)/\(total)] \(name)  "
        let prepared = outcome.prepared
        let expectedFailure = outcome.example.expectation != .succeed ? ", as expected" : ""
        if outcome.fullyCached {
            line += "cached"
        } else if prepared.compile?.succeeded == false {
            line += prepared.cached ? "did not compile (cached)" : "did not compile (\(Seconds.format(prepared.compileDuration)))"
        } else {
            line += prepared.cached ? "cached program" : "compiled \(Seconds.format(prepared.compileDuration))"
        }
        if let run = outcome.run, !outcome.fullyCached {
            line += outcome.runCached ? "  cached run" : "  ran \(Seconds.format(run.duration))"
        }
        if let run = outcome.run, !run.termination.succeeded {
            line += "  \(run.termination.summary)\(expectedFailure)"
        } else if prepared.compile?.succeeded == false {
            line += expectedFailure
        }
        if !verdict.succeeded { line += "  FAILED" }
        return line
    }

    /// `11 examples: 2 compiled, 1 run, 9 cached, 0 failed; slowest: a 2.02 s, b 1.10 s`.
    public static func summary(_ verdicts: [ExampleVerdict], slowest count: Int = 3) -> String {
        let outcomes = verdicts.map(\.outcome)
        let compiled = outcomes.filter { !$0.prepared.cached && $0.prepared.compile != nil }.count
        let ran = outcomes.filter { $0.run != nil && !$0.runCached }.count
        let cached = outcomes.filter(\.fullyCached).count
        let failed = verdicts.filter { !$0.succeeded }.count
        var text = "\(outcomes.count) example\(outcomes.count == 1 ? "" : "s"): \(compiled) compiled, \(ran) run, \(cached) cached, \(failed) failed"
        let work = outcomes.filter { !$0.fullyCached }.map { outcome -> (String, Double) in
            let compile = outcome.prepared.cached ? 0 : outcome.prepared.compileDuration
            let run = outcome.runCached ? 0 : (outcome.run?.duration ?? 0)
            return (outcome.example.name, compile + run)
        }.sorted { $0.1 > $1.1 }
        if !work.isEmpty {
            text += "; slowest: " + work.prefix(count).map { "\($0.0) \(Seconds.format($0.1))" }.joined(separator: ", ")
        }
        return text
    }

    /// A machine-readable account of the build (`--report FILE`), for benchmarks and tests.
    /// `timeline` gives every step's start and end in seconds since the tool started (since the
    /// first step where the process's start is unknown).
    public static func json(_ verdicts: [ExampleVerdict], timeline: [BuildTimeline.Span] = [], wallSeconds: Double) -> Data {
        struct Entry: Encodable {
            var name: String
            var file: String
            var compiled: Bool
            var compileSeconds: Double
            var compileStartedAt: Double?
            var compileEndedAt: Double?
            var ran: Bool
            var runSeconds: Double?
            var runStartedAt: Double?
            var runEndedAt: Double?
            var cached: Bool
            var exclusive: Bool
            var succeeded: Bool
            /// With `runs=N`: how many runs, and how many gave each different output (most
            /// frequent first) and each bad ending.
            var runs: Int?
            var outcomeCounts: [Int]?
            var endings: [String: Int]?
            /// The example's diagnostics, each with its category.
            var diagnostics: [Diagnostic]
        }
        struct Step: Encodable {
            var kind: String
            var name: String
            var start: Double
            var end: Double
        }
        struct Report: Encodable {
            var wallSeconds: Double
            var examples: [Entry]
            var timeline: [Step]
        }
        let origin = BuildTimeline.processStart ?? timeline.map(\.start).min() ?? 0
        // Milliseconds are what a timeline shows; more digits only make the file noisy.
        func seconds(_ time: Double) -> Double { ((time - origin) * 1000).rounded() / 1000 }
        let steps = timeline.map { Step(kind: $0.kind, name: $0.name, start: seconds($0.start), end: seconds($0.end)) }
        let entries = verdicts.map { verdict in
            let outcome = verdict.outcome
            let runs = verdict.example.repeatCount > 1 && outcome.run?.repeats != nil
                ? RunDistribution(verdict.allRuns, cells: Array(verdict.example.cells.indices), masks: verdict.example.runsIgnore) : nil
            var endings: [String: Int]?
            if let runs {
                endings = [:]
                for outcome in runs.outcomes { if let ending = outcome.ending { endings?[ending, default: 0] += outcome.count } }
            }
            return Entry(
                name: outcome.example.name, file: outcome.example.file,
                compiled: !outcome.prepared.cached && outcome.prepared.compile != nil,
                compileSeconds: outcome.prepared.compileDuration,
                compileStartedAt: outcome.prepared.compile?.startedAt, compileEndedAt: outcome.prepared.compile?.endedAt,
                ran: outcome.run != nil && !outcome.runCached, runSeconds: outcome.run?.duration,
                runStartedAt: outcome.run?.startedAt, runEndedAt: outcome.run?.endedAt,
                cached: outcome.fullyCached, exclusive: outcome.example.isExclusive, succeeded: verdict.succeeded,
                runs: runs?.runs, outcomeCounts: runs?.outcomes.map(\.count), endings: endings, diagnostics: verdict.diagnostics)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return (try? encoder.encode(Report(wallSeconds: wallSeconds, examples: entries, timeline: steps))) ?? Data()
    }
}
