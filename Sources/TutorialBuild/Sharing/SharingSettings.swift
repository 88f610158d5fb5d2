import CSupport
import Foundation
import TutorialExecution

/// How a build shares its work with other machines: the shard it builds, whether it only
/// renders from the cache, and the remote cache it reads and writes.
public struct SharingSettings: Sendable {
    /// Build only this part of the examples (`--shard K/N`); the site is not written.
    public var shard: Shard?
    /// Render from the cache only, compiling and running nothing (`--cached-only`).
    public var cachedOnly = false
    /// The remote cache's base URL (`--remote-cache`, or `TUTORIAL_REMOTE_CACHE`).
    public var remoteCache: URL?
    /// Read from the remote cache, never write to it (`--remote-cache-read-only`).
    public var remoteReadOnly = false
    /// The secret that authenticates the remote cache's entries (`TUTORIAL_REMOTE_CACHE_KEY`); the
    /// remote cache is not used without it.
    public var remoteKey: String?
    /// Seconds one request to the remote cache may take.
    var remoteTimeout: Double = 5

    /// The environment variables CI sets instead of the options.
    public static let remoteCacheVariable = "TUTORIAL_REMOTE_CACHE"
    public static let readOnlyVariable = "TUTORIAL_REMOTE_CACHE_READ_ONLY"

    /// The remote cache's key from the environment, taken out of the tool's environment (and
    /// wiped from its memory) the first time it is read, so that no process the tool starts (the
    /// compiler, an example's program, which could print it into a page) inherits or reads it.
    /// The tool reads it before starting anything.
    public static let environmentKey: String? = {
        guard let raw = getenv(EntrySeal.keyVariable) else { return nil }
        let value = String(cString: raw)
        // unsetenv only drops the pointer: the bytes stay in the block that /proc/PID/environ
        // shows to every process of the user (a program reading its reaper's, say), and that
        // the reapers inherit. Overwritten in place first.
        memset(raw, 0, strlen(raw))
        unsetenv(EntrySeal.keyVariable)
        guard !value.isEmpty else { return nil }
        // The key stays in the tool's memory, and in its reapers' (forks of it): neither may be
        // read by the programs, which run as the same user.
        _ = tutorial_forbid_inspection()
        return value
    }()

    /// Why `key` cannot authenticate entries, or nil when it can.
    public static func problem(withKey key: String) -> String? {
        EntrySeal(key: key) == nil
            ? "\(EntrySeal.keyVariable) must hold at least \(EntrySeal.minimumKeyLength) bytes (for example the output of 'openssl rand -hex 32'), not \(key.utf8.count)"
            : nil
    }

    package init() {}

    /// The remote cache, when there is one.
    public func makeRemote() -> RemoteCache? {
        remoteCache.map { RemoteCache(base: $0, seal: remoteKey.flatMap(EntrySeal.init(key:)), readOnly: remoteReadOnly, timeout: remoteTimeout) }
    }
}
