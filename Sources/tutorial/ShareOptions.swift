import ArgumentParser
import Foundation
import TutorialBuild
import TutorialExecution

/// Options that share a build's work across machines: a shard, and a remote cache.
struct ShareOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Only the examples of part K of N (1 <= K <= N), split by name and balanced by known times.", valueName: "k/n"))
    var shard: String?

    @Option(name: .long, help: ArgumentHelp(
        "An HTTP cache (bazel-remote, nginx WebDAV) read with GET and written with PUT after the local cache (default: $\(SharingSettings.remoteCacheVariable)); its entries are authenticated with the secret in $\(EntrySeal.keyVariable), and without it the cache is not used.",
        valueName: "url"))
    var remoteCache: String?

    @Flag(name: .long, help: "Read from the remote cache, never write to it (for pull requests from forks; also $\(SharingSettings.readOnlyVariable)=1).")
    var remoteCacheReadOnly = false

    func validate() throws {
        if let shard {
            do { _ = try Shard(parsing: shard) } catch { throw ValidationError(error.description) }
        }
        if let remote = remoteURLText, remoteURL == nil {
            throw ValidationError("--remote-cache must be an http:// or https:// URL, not '\(remote)'")
        }
        if remoteURLText != nil, let key = remoteKey, let problem = SharingSettings.problem(withKey: key) {
            throw ValidationError(problem)
        }
    }

    var parsedShard: Shard? { shard.flatMap { try? Shard(parsing: $0) } }

    /// The key that authenticates the remote cache's entries: only from the environment, so that
    /// it never shows in a process list or a shell history.
    private var remoteKey: String? { SharingSettings.environmentKey }

    private var remoteURLText: String? {
        let variable = ProcessInfo.processInfo.environment[SharingSettings.remoteCacheVariable]
        return remoteCache ?? (variable?.isEmpty == false ? variable : nil)
    }

    private var remoteURL: URL? {
        guard let text = remoteURLText, let url = URL(string: text), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
            return nil
        }
        return url
    }

    func apply(to settings: inout BuildSettings) {
        settings.sharing.shard = parsedShard
        settings.sharing.remoteCache = remoteURL
        settings.sharing.remoteKey = remoteKey
        let variable = ProcessInfo.processInfo.environment[SharingSettings.readOnlyVariable] ?? ""
        settings.sharing.remoteReadOnly = remoteCacheReadOnly || ["1", "true", "yes"].contains(variable.lowercased())
    }
}
