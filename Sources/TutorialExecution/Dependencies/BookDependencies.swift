import Foundation
import Synchronization
import TutorialModel
import TutorialSupport

/// The SwiftPM packages a book's examples may import, declared in `packages/Package.swift`
/// beside the chapters folder. Each flavour an example needs is built once into the cache
/// (``DependencyPackage``), keyed like an example, and every example compiles against it.
package final class BookDependencies: Sendable {
    /// The declaration as messages name it (`packages/Package.swift`).
    package let shownAs: String
    /// The manifest's text and the `Package.resolved` beside it, if the author committed one.
    let manifest: String
    let resolved: String?
    let cacheRoot: String
    let compilerVersion: String
    /// The shared cache the builds are fetched from and given to; nil for none.
    let remote: RemoteCache?
    private let builds = Mutex<[DependencyFlavour: Task<DependencyBuild, Never>]>([:])

    /// The folder beside the chapters that holds the declaration.
    package static let folderName = "packages"

    /// The declaration's path for a chapters folder, whether it exists or not.
    package static func declarationPath(chapters: String) -> String {
        URL(fileURLWithPath: chapters).standardizedFileURL.deletingLastPathComponent()
            .appendingPathComponent("\(folderName)/Package.swift").path
    }

    /// The book's dependencies, or nil when it declares none (no `packages/Package.swift`).
    package init?(chapters: String, shownAs: String, cacheRoot: String, compilerVersion: String, remote: RemoteCache? = nil) {
        let path = Self.declarationPath(chapters: chapters)
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        self.shownAs = shownAs
        self.manifest = String(decoding: data, as: UTF8.self)
        let resolvedPath = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("Package.resolved").path
        self.resolved = FileManager.default.contents(atPath: resolvedPath).map { String(decoding: $0, as: UTF8.self) }
        self.cacheRoot = cacheRoot
        self.compilerVersion = compilerVersion
        self.remote = remote
    }

    /// The key of one flavour's build: the tool, the compiler, the platform, the declaration
    /// and its resolved versions, and the flavour. Every example's key holds it.
    package func key(for flavour: DependencyFlavour) -> String {
        var hash = StableHash()
        for part in [ToolIdentity.current, compilerVersion, Platform.identity, manifest, resolved ?? "unresolved", flavour.description] {
            hash.combine(part)
        }
        return hash.hex
    }

    /// Where one flavour's build lives in the cache.
    package func package(for flavour: DependencyFlavour) -> DependencyPackage {
        DependencyPackage(folder: "\(cacheRoot)/\(DependencyPackage.cacheFolder)/\(key(for: flavour))", flavour: flavour)
    }

    /// The flavour's build, made once per tool run however many examples ask (from the cache
    /// when an earlier build made it).
    package func build(_ flavour: DependencyFlavour) async -> DependencyBuild {
        let task = builds.withLock { builds in
            if let running = builds[flavour] { return running }
            let made = Task { [self] in await package(for: flavour).build(manifest: manifest, resolved: resolved, shownAs: shownAs, remote: remote) }
            builds[flavour] = made
            return made
        }
        return await task.value
    }

    /// The flags an example of this flavour, made in `programDirectory`, compiles with: the
    /// modules to import and the library to link, found by a path relative to the program.
    package func compileFlags(for flavour: DependencyFlavour, programDirectory: String) -> [String] {
        package(for: flavour).compileFlags(programDirectory: programDirectory)
    }

    /// `log` with a hint on each `no such module` error naming the declaration: the module is
    /// neither the toolchain's nor a product the book declares. The error keeps its place.
    package func annotate(_ log: String) -> String {
        guard log.contains("error: no such module") else { return log }
        return log.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            guard let marker = line.range(of: ": error: no such module "), !line.hasPrefix(" ") else { return String(line) }
            let module = line[marker.upperBound...]
            return "\(line); hint: \(module) is not a product the book declares: add its package and product to \(shownAs)"
        }.joined(separator: "\n")
    }
}

/// How building one flavour of the book's dependencies went.
public struct DependencyBuild: Sendable {
    package var flavour: DependencyFlavour
    /// True when the cache had it: nothing was built.
    package var cached: Bool
    /// Seconds spent resolving and building (0 when cached).
    package var duration: Double
    /// Why it failed: one diagnostic naming the declaration, with SwiftPM's messages.
    package var failure: Diagnostic?
    /// True when it came from the remote cache.
    package var fetched = false
}
