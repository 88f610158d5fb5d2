import Foundation
import TutorialSupport

/// The compiler's `--version`, part of every cache key. Asking swiftc takes a tenth of a second
/// or more, and a cold build waits for it before its first compile, so the answer is kept with
/// the compiler file's path, size and date, and asked again only when one of those changes. It
/// is a fact of the machine, not of the book: it is kept in the user's cache folder (so that a
/// new clone of a book does not ask again), or in the book's cache where there is none.
package enum CompilerIdentity {
    package static func version(
        of compiler: Compiler, cache: ProgramCache, userFolder: String? = ToolIdentity.userCacheFolder()
    ) async -> String {
        guard let signature = signature(of: compiler.swiftc) else { return await compiler.version() }
        let saved = SignatureCache(path: storePath(signature: signature, folder: userFolder) ?? "\(cache.root)/compiler.json")
        if let version = saved.value(for: signature) { return version }
        switch await compiler.askVersion() {
        case .success(let version):
            saved.save(version, for: signature)
            return version
        case .failure(let failure):
            // Not kept: a compiler that failed once is asked again next time.
            return "unknown swiftc (\(failure.summary))"
        }
    }

    /// Where the version of the compiler with this signature is kept in the user's cache folder.
    static func storePath(signature: String, folder: String?) -> String? {
        guard let folder else { return nil }
        var key = StableHash()
        // By the compiler's path (the signature less its size and date, a path may hold spaces):
        // two toolchains side by side keep one file each.
        key.combine(signature.split(separator: " ", omittingEmptySubsequences: false).dropLast(2).joined(separator: " "))
        return "\(folder)/compiler-\(key.hex).json"
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
