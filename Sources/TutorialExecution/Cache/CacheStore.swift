import Foundation

/// One entry of a cache: a name that stands for its contents, and the files that make it, in a
/// folder of the local cache (a program's folder, or the cache's root for the shards' timings).
package struct CacheEntry: Sendable, Hashable {
    /// The entry's name: everything its contents depend on (a program's key, a run's limits…).
    package var name: String
    /// The local folder the entry's files live in once fetched.
    package var folder: String
    /// The entry's files, by name in ``folder``.
    package var files: [String]
    /// Files that mark the entry as complete: a fetch writes them after the others.
    package var last: [String] = []

    package init(name: String, folder: String, files: [String], last: [String] = []) {
        self.name = name
        self.folder = folder
        self.files = files
        self.last = last
    }
}

/// A place that keeps cache entries. The local cache (``ProgramCache``) and the shared one over
/// HTTP (``RemoteCache``) are both stores; a build asks them in order (``CacheTiers``).
package protocol CacheStore: Sendable {
    /// Makes the entry's files present in its folder, taking them from this store; false when
    /// the store lacks the entry or it fails its checks (then nothing of it was written).
    func fetch(_ entry: CacheEntry) async -> Bool
    /// Keeps the entry's files, as they are in its folder now.
    func store(_ entry: CacheEntry) async
}

extension ProgramCache: CacheStore {
    /// The local cache holds an entry when all its files are in its folder, which must be inside
    /// the cache: the folder is where the local cache keeps the entry.
    package func fetch(_ entry: CacheEntry) async -> Bool {
        holds(entry)
    }

    /// Nothing to copy: an entry's folder is the local cache's own (compiling and running wrote
    /// the files there).
    package func store(_ entry: CacheEntry) async {}

    /// Whether every file of `entry` is in its folder, and that folder is inside the cache.
    package func holds(_ entry: CacheEntry) -> Bool {
        let folder = URL(fileURLWithPath: entry.folder).standardizedFileURL.path
        let inside = URL(fileURLWithPath: root).standardizedFileURL.path
        guard folder == inside || folder.hasPrefix(inside + "/") else { return false }
        return !entry.files.isEmpty && entry.files.allSatisfy { FileManager.default.fileExists(atPath: "\(folder)/\($0)") }
    }
}

extension RemoteCache: CacheStore {
    package func fetch(_ entry: CacheEntry) async -> Bool {
        await fetch(entry: entry.name, into: entry.folder, last: entry.last)
    }

    package func store(_ entry: CacheEntry) async {
        await store(entry: entry.name, files: entry.files, from: entry.folder)
    }
}
