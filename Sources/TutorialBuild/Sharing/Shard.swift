import Foundation
import TutorialSupport

/// One part of a book split across machines: `--shard K/N` compiles and runs only the examples
/// that fall to part K of N, and writes their results into the (shared) cache.
///
/// Which part holds an example is decided by ``ShardPlan``: by rendezvous hashing of its name
/// (stable across machines and runs: adding an example never moves another), except that the
/// examples whose compile and run times the cache knows are spread so that the parts take about
/// as long (see ``ShardPlan``).
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    /// From 1 to `count`.
    var index: Int
    public var count: Int

    package init(index: Int, count: Int) throws(ShardError) {
        guard count >= 1, index >= 1, index <= count else { throw ShardError(text: "\(index)/\(count)") }
        self.index = index
        self.count = count
    }

    /// Parses `K/N`, with 1 <= K <= N.
    public init(parsing text: String) throws(ShardError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else { throw ShardError(text: text) }
        guard count >= 1, index >= 1, index <= count else { throw ShardError(text: text) }
        self.index = index
        self.count = count
    }

    public var description: String { "\(index)/\(count)" }
}

/// A `--shard` that is not `K/N` with 1 <= K <= N.
public struct ShardError: Error, CustomStringConvertible {
    var text: String
    public var description: String {
        "--shard must be K/N with whole numbers 1 <= K <= N (such as 2/4), not '\(text)'"
    }
}

/// How a book's examples are split into `count` parts.
///
/// - An example whose time is unknown goes to the part with the highest rendezvous weight
///   (a stable hash of its name and the part's number): the same on every machine, and adding
///   or removing other examples never moves it.
/// - Examples whose last compile + run time is known (from the timings the last full build or
///   fan-in published) are placed longest first, each on the least loaded part (ties go to the
///   part its rendezvous weights prefer), the unknown ones counting at the known ones' mean time.
///
/// The trade-off: balancing can move a timed example when the timings change, so every shard of
/// one CI run must read the same timings. Shards never publish timings (only a full build or the
/// `--cached-only` fan-in does), so the shards of one run agree; a moved example costs nothing
/// but a cache hit on its new machine.
public struct ShardPlan: Sendable {
    /// The part (1-based) of each example, by name.
    var parts: [String: Int]

    package init(names: [String], count: Int, times: [String: Double]) {
        let count = max(count, 1)
        var parts: [String: Int] = [:]
        let timed = names.filter { (times[$0] ?? 0) > 0 }
        let untimed = names.filter { (times[$0] ?? 0) <= 0 }
        var loads = Array(repeating: 0.0, count: count + 1)
        let mean = timed.isEmpty ? 1 : timed.map { times[$0]! }.reduce(0, +) / Double(timed.count)
        for name in untimed {
            let part = Self.ranking(of: name, count: count)[0]
            parts[name] = part
            loads[part] += mean
        }
        let longestFirst = timed.sorted { (times[$0]!, $1) > (times[$1]!, $0) }
        for name in longestFirst {
            let least = loads[1...].min()!
            let part = Self.ranking(of: name, count: count).first { loads[$0] <= least + 1e-9 }!
            parts[name] = part
            loads[part] += times[name]!
        }
        self.parts = parts
    }

    /// The examples of `examples` that `shard` holds, in their order.
    public func examples<Item>(_ examples: [Item], in shard: Shard, name: (Item) -> String) -> [Item] {
        examples.filter { parts[name($0)] == shard.index }
    }

    /// The parts in the order an example's rendezvous weights prefer them.
    static func ranking(of name: String, count: Int) -> [Int] {
        // SHA-256, not StableHash: names that differ in a digit (chapter-1, chapter-2) must get
        // unrelated weights, or the parts come out uneven.
        let weights = (1...count).map { part -> (UInt64, Int) in
            (UInt64(SHA256Digest.hex("shard\u{0}\(name)\u{0}\(part)").prefix(16), radix: 16) ?? 0, part)
        }
        return weights.sorted { ($0.0, $1.1) > ($1.0, $0.1) }.map(\.1)
    }
}
