import CSupport
import Foundation

/// The identity of the running tool, part of every cache key (programs, results, pages,
/// highlights): a hash of the executable's bytes and of the theme resources shipped beside it.
/// Rebuilding or upgrading the tool changes it, so a changed tool never serves pages or results
/// that an older one cached. Hashing a debug build (tens of MB) takes a while, so the hash is
/// kept in a small file with the files' paths, sizes and dates, and computed again only when one
/// of those changes (as ``CompilerIdentity`` does for swiftc).
package enum ToolIdentity {
    /// The identity of this process's executable, computed once per process.
    package static let current: String = {
        let files = [executablePath()] + resourceFiles()
        return identity(of: files.compactMap { $0 }, store: storePath())
    }()

    /// The identity of `files`: their hash, read from `store` when the files' signature matches
    /// what it holds, else computed and written there.
    static func identity(of files: [String], store: String?) -> String {
        let signature = files.map { SignatureCache.signature(of: $0) ?? "\($0) unreadable" }.joined(separator: "\n")
        let saved = store.map(SignatureCache.init(path:))
        if let identity = saved?.value(for: signature) { return identity }
        var hash = StableHash()
        for path in files {
            hash.combine(path.split(separator: "/").last.map(String.init) ?? path)
            let contents = FileManager.default.contents(atPath: path) ?? Data()
            contents.withUnsafeBytes { hash.combine(bytes: $0) }
        }
        let identity = "tool-" + hash.hex
        saved?.save(identity, for: signature)
        return identity
    }

    /// The running executable's real path.
    static func executablePath() -> String? {
        #if os(Linux)
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        #endif
        return Bundle.main.executablePath.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path }
    }

    /// The theme files shipped beside the executable, in a stable order.
    static func resourceFiles() -> [String] {
        guard let folder = ShippedResources.url("theme")?.path,
              let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        return names.sorted().map { "\(folder)/\($0)" }
    }

    /// Where the identity is kept between runs, per executable path: the user's cache folder.
    static func storePath() -> String? {
        guard let folder = userCacheFolder(), let executable = executablePath() else { return nil }
        var key = StableHash()
        key.combine(executable)
        return "\(folder)/tool-identity-\(key.hex).json"
    }

    /// The user's cache folder for what is true of this machine whatever the book
    /// (`$XDG_CACHE_HOME/tutorial`, else `~/.cache/tutorial`); nil without either variable.
    package static func userCacheFolder() -> String? {
        let environment = ProcessInfo.processInfo.environment
        let base = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["HOME"].map { "\($0)/.cache" }
        return base.map { "\($0)/tutorial" }
    }
}
