import Foundation
import TutorialSupport

/// The compiler's `--version`, part of every cache key. Asking swiftc takes a tenth of a second,
/// so the answer is kept in the cache with the compiler file's path, size and date, and asked
/// again only when one of those changes.
package enum CompilerIdentity {
    package static func version(of compiler: Compiler, cache: ProgramCache) async -> String {
        guard let signature = signature(of: compiler.swiftc) else { return await compiler.version() }
        let file = "\(cache.root)/compiler.json"
        if let data = FileManager.default.contents(atPath: file),
           let saved = try? JSONDecoder().decode([String: String].self, from: data),
           saved["signature"] == signature, let version = saved["version"] {
            return version
        }
        let version = await compiler.version()
        if let data = try? JSONEncoder().encode(["signature": signature, "version": version]) {
            try? FileManager.default.createDirectory(atPath: cache.root, withIntermediateDirectories: true)
            try? AtomicFile.write(data, to: file)
        }
        return version
    }

    /// The compiler file's real path, size and modification date.
    static func signature(of swiftc: String) -> String? {
        guard let path = locate(swiftc) else { return nil }
        let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: real),
              let size = attributes[.size] as? NSNumber,
              let date = attributes[.modificationDate] as? Date else { return nil }
        return "\(real) \(size) \(date.timeIntervalSince1970)"
    }

    /// A path as is, or a name looked up in PATH.
    static func locate(_ name: String) -> String? {
        if name.contains("/") { return name }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
