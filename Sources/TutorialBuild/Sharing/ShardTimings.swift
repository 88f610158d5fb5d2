import Foundation
import TutorialCheck
import TutorialExecution
import TutorialSupport

/// The last known compile + run time of each example, by name, which balances the shards.
/// A full build or a `--cached-only` fan-in publishes them (to `timings.json` in the cache and
/// to the remote cache); shards only read them, so that the shards of one CI run agree.
enum ShardTimings {
    static let fileName = "timings.json"

    static func entry(_ project: Project) -> String {
        "tutorial timings \(ExampleRunner.toolHash) \(project.book.title)"
    }

    /// The remote cache's timings when there is a remote cache that has them, else the local ones.
    static func load(_ project: Project, remote: RemoteCache?) async -> [String: Double] {
        let cache = project.settings.cache.root
        if let remote {
            // Fetched outside the cache: `list` reads timings without claiming the cache folder.
            let folder = "\(FileManager.default.temporaryDirectory.path)/tutorial-timings-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            defer { try? FileManager.default.removeItem(atPath: folder) }
            if await remote.fetch(CacheEntry(name: entry(project), folder: folder, files: [fileName])),
               let times = read("\(folder)/\(fileName)") { return times }
        }
        return read("\(cache)/\(fileName)") ?? [:]
    }

    static func read(_ path: String) -> [String: Double]? {
        FileManager.default.contents(atPath: path).flatMap { try? JSONDecoder().decode([String: Double].self, from: $0) }
    }

    /// Keeps the verdicts' times, locally and on the remote cache.
    static func save(_ verdicts: [ExampleVerdict], project: Project, remote: RemoteCache?) async {
        let times = Dictionary(verdicts.map { verdict in
            (verdict.example.name, verdict.outcome.prepared.compileDuration + (verdict.outcome.run?.duration ?? 0))
        }, uniquingKeysWith: { first, _ in first })
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        guard let data = try? encoder.encode(times) else { return }
        let cache = project.settings.cache.root
        try? FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
        try? AtomicFile.write(data, to: "\(cache)/\(fileName)")
        await remote?.store(CacheEntry(name: entry(project), folder: cache, files: [fileName]))
    }
}

extension Project {
    /// How the book's examples split into `count` shards, balanced by the known timings.
    public func shardPlan(count: Int, remote: RemoteCache?) async -> ShardPlan {
        ShardPlan(names: catalog.examples.map(\.name), count: count, times: await ShardTimings.load(self, remote: remote))
    }
}
