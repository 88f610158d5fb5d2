import Foundation
import TutorialSupport

/// The compiler's `--version`, part of every cache key. Asking swiftc takes a tenth of a second,
/// so the answer is kept in the cache with the compiler file's path, size and date, and asked
/// again only when one of those changes.
package enum CompilerIdentity {
    package static func version(of compiler: Compiler, cache: ProgramCache) async -> String {
        guard let signature = signature(of: compiler.swiftc) else { return await compiler.version() }
        let saved = SignatureCache(path: "\(cache.root)/compiler.json")
        if let version = saved.value(for: signature) { return version }
        let version = await compiler.version()
        saved.save(version, for: signature)
        return version
    }

    /// The compiler file's real path, size and modification date.
    static func signature(of swiftc: String) -> String? {
        guard let path = locate(swiftc) else { return nil }
        return SignatureCache.signature(of: URL(fileURLWithPath: path).resolvingSymlinksInPath().path)
    }

    /// A path as is, or a name looked up in PATH.
    static func locate(_ name: String) -> String? {
        if name.contains("/") { return name }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
