import Foundation

/// A guess, from the source alone, of how long an example's run sleeps: the sum of the literal
/// durations its cells pass to `sleep`, `usleep`, `Thread.sleep(forTimeInterval:)` and
/// `Task.sleep` (nanoseconds, or `.seconds` / `.milliseconds` / `.microseconds` /
/// `.nanoseconds`), times `runs=N`. Loops and computed durations are not followed: it only
/// orders a cold build's compiles (an example that sleeps longest starts first), it is never
/// shown or trusted.
package enum RunTimeHint {
    package static func seconds(_ example: Example) -> Double {
        let total = example.programCells.reduce(0) { $0 + seconds(in: $1.code) }
        return total * Double(example.repeatCount)
    }

    /// The sleeps written in `code` with a literal duration, in seconds.
    package static func seconds(in code: String) -> Double {
        var total = 0.0
        for match in code.matches(of: pattern) {
            let number = Double(match.output.value.replacingOccurrences(of: "_", with: "")) ?? 0
            total += number * scale(call: String(match.output.call), unit: match.output.unit.map(String.init))
        }
        return total
    }

    // `sleep(2)`, `usleep(500_000)`, `Thread.sleep(forTimeInterval: 0.5)`,
    // `Task.sleep(nanoseconds: 2_000_000_000)`, `Task.sleep(for: .milliseconds(300))`.
    nonisolated(unsafe) private static let pattern =
        /(?<call>\busleep\(|\bsleep\(|sleep\(forTimeInterval:|sleep\(nanoseconds:|sleep\(for:)\s*(?:\.(?<unit>seconds|milliseconds|microseconds|nanoseconds)\(\s*)?(?<value>[0-9][0-9_]*(?:\.[0-9]+)?)/

    private static func scale(call: String, unit: String?) -> Double {
        switch unit {
        case "milliseconds": return 1e-3
        case "microseconds": return 1e-6
        case "nanoseconds": return 1e-9
        case "seconds": return 1
        default: break
        }
        if call.hasPrefix("usleep") { return 1e-6 }
        if call.hasSuffix("nanoseconds:") { return 1e-9 }
        // A bare `sleep(for:)` without a unit has none we can read.
        if call.hasSuffix("for:") { return 0 }
        return 1
    }
}
