import Foundation
import Synchronization
import TutorialModel
import TutorialSupport

/// One flavour's build of a book's dependencies, in the cache folder named by its key: a copy of
/// the declaration whose products and targets are replaced by one dynamic library,
/// `TutorialBookDependencies`, that links every product the declaration's targets use; SwiftPM
/// builds it into `build/`, whose `Modules` folder holds every module an example may import.
package struct DependencyPackage: Sendable {
    /// The build's folder: `<cache>/dependencies/<key>`.
    package var folder: String
    package var flavour: DependencyFlavour

    /// The cache's folder of dependency builds.
    package static let cacheFolder = "dependencies"
    /// The library every example links.
    static let library = "TutorialBookDependencies"
    /// The file whose presence says the build finished.
    static let completeMarker = "complete"
    /// Seconds a dependency build may last.
    static let timeout: Double = 3_600

    /// Where SwiftPM puts the library and the modules.
    var binFolder: String { "\(folder)/build/\(flavour.configuration)" }
    var isComplete: Bool { FileManager.default.fileExists(atPath: "\(folder)/\(Self.completeMarker)") }

    /// What the tool appends to the author's manifest: its line numbers stay the author's.
    static let manifestSuffix = """

        // Added by tutorial: one dynamic library that links every product the targets above use.
        package.products = [.library(name: "\(library)", type: .dynamic, targets: ["\(library)"])]
        package.targets = [.target(name: "\(library)", dependencies: package.targets.flatMap(\\.dependencies))]

        """

    /// The flags an example whose program is made in `programDirectory` compiles with to import
    /// the modules and link the library. The run-time path is relative to the program, so that
    /// the cache may move or be fetched into another folder.
    func compileFlags(programDirectory: String) -> [String] {
        let relative = "$ORIGIN/" + Self.relativePath(from: programDirectory, to: binFolder)
        var flags = ["-I", "\(binFolder)/Modules", "-L", binFolder, "-l\(Self.library)", "-Xlinker", "-rpath", "-Xlinker", relative]
        // A C target's module (a shim some packages have) is found through its module map.
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: binFolder)) ?? []
        for entry in entries.sorted() where entry.hasSuffix(".build") {
            let map = "\(binFolder)/\(entry)/module.modulemap"
            if FileManager.default.fileExists(atPath: map) { flags += ["-Xcc", "-fmodule-map-file=\(map)"] }
        }
        return flags
    }

    /// The path that leads from the folder `from` to `to`, both absolute.
    static func relativePath(from: String, to: String) -> String {
        let start = URL(fileURLWithPath: from).standardizedFileURL.pathComponents
        let end = URL(fileURLWithPath: to).standardizedFileURL.pathComponents
        let shared = zip(start, end).prefix { $0 == $1 }.count
        return (Array(repeating: "..", count: start.count - shared) + end.dropFirst(shared)).joined(separator: "/")
    }

    /// The remote cache's entry: one archive of what examples need (the modules and the library).
    static let archive = "dependencies.tar"
    var remoteName: String { "dependencies \(URL(fileURLWithPath: folder).lastPathComponent)" }
    var archivedPaths: [String] {
        ["build/\(flavour.configuration)/Modules", "build/\(flavour.configuration)/lib\(Self.library).so"]
    }

    /// Takes the build from the remote cache: its archive, authenticated and verified there,
    /// unpacked into the folder. False, leaving no folder, when the remote cache lacks it.
    func fetch(from remote: RemoteCache) async -> Bool {
        guard await remote.fetch(entry: remoteName, into: folder, last: []) else { return false }
        let unpacked = await Self.tar(["-xf", "\(folder)/\(Self.archive)"], in: folder)
        try? FileManager.default.removeItem(atPath: "\(folder)/\(Self.archive)")
        guard unpacked, FileManager.default.createFile(atPath: "\(folder)/\(Self.completeMarker)", contents: Data(flavour.description.utf8)) else {
            try? FileManager.default.removeItem(atPath: folder)
            return false
        }
        return true
    }

    /// Gives a finished build to the remote cache, as one archive.
    func store(in remote: RemoteCache) async {
        // The archive's path is absolute: tar opens it before `-C` moves it into the folder.
        guard await Self.tar(["-cf", "\(folder)/\(Self.archive)"] + archivedPaths, in: folder) else { return }
        await remote.store(entry: remoteName, files: [Self.archive], from: folder)
        try? FileManager.default.removeItem(atPath: "\(folder)/\(Self.archive)")
    }

    private static func tar(_ arguments: [String], in folder: String) async -> Bool {
        await ProcessRunner(timeout: 600).run("tar", arguments: ["-C", folder] + arguments) { _, _, _ in }.termination.succeeded
    }

    /// Builds the package unless the cache has it (the local cache, then the remote one). On
    /// failure the folder is removed and the diagnostic names the declaration (`shownAs`) with
    /// SwiftPM's own messages.
    func build(manifest: String, resolved: String?, shownAs: String, remote: RemoteCache? = nil) async -> DependencyBuild {
        if isComplete { return DependencyBuild(flavour: flavour, cached: true, duration: 0) }
        let started = Date()
        let manager = FileManager.default
        // Another tool process building the same key (a `check` beside a `build`) goes first.
        try? manager.createDirectory(atPath: URL(fileURLWithPath: folder).deletingLastPathComponent().path, withIntermediateDirectories: true)
        let lock = open("\(folder).lock", O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        defer { if lock >= 0 { close(lock) } }
        if lock >= 0 { await BlockingLock.wait(lock) }
        if isComplete { return DependencyBuild(flavour: flavour, cached: true, duration: Date().timeIntervalSince(started)) }
        if let remote, await fetch(from: remote) {
            return DependencyBuild(flavour: flavour, cached: true, duration: Date().timeIntervalSince(started), fetched: true)
        }
        try? manager.removeItem(atPath: folder)
        let package = "\(folder)/packages"
        func failed(_ message: String, line: Int? = nil) -> DependencyBuild {
            // A failed build leaves nothing behind, its lock neither.
            try? manager.removeItem(atPath: folder)
            try? manager.removeItem(atPath: "\(folder).lock")
            let diagnostic = Diagnostic(file: shownAs, line: line, message: message)
            return DependencyBuild(flavour: flavour, cached: false, duration: Date().timeIntervalSince(started), failure: diagnostic)
        }
        do {
            try manager.createDirectory(atPath: "\(package)/Sources/\(Self.library)", withIntermediateDirectories: true)
            try AtomicFile.write(Data((manifest + Self.manifestSuffix).utf8), to: "\(package)/Package.swift")
            if let resolved { try AtomicFile.write(Data(resolved.utf8), to: "\(package)/Package.resolved") }
            let source = "// Generated by tutorial: the library exists to link the book's products.\n"
            try AtomicFile.write(Data(source.utf8), to: "\(package)/Sources/\(Self.library)/\(Self.library).swift")
        } catch {
            return failed("cannot write the dependency package into \(folder): \(error.localizedDescription)")
        }
        let arguments = ["build", "--package-path", package, "--scratch-path", "\(folder)/build", "--product", Self.library]
            + flavour.buildArguments
        let output = Mutex<[UInt8]>([])
        let outcome = await ProcessRunner(timeout: Self.timeout).run("swift", arguments: arguments) { _, bytes, _ in
            output.withLock { $0 += bytes }
        }
        let log = String(decoding: output.withLock { $0 }, as: UTF8.self)
        guard outcome.termination.succeeded, manager.fileExists(atPath: "\(binFolder)/lib\(Self.library).so") else {
            let (message, line) = Self.summarize(log, manifest: "\(package)/Package.swift", shownAs: shownAs)
            let ending = outcome.termination.succeeded ? "" : " (swift build: \(outcome.termination.summary))"
            return failed("the book's dependencies (\(flavour)) did not build\(ending):\n" + message, line: line)
        }
        guard manager.createFile(atPath: "\(folder)/\(Self.completeMarker)", contents: Data(flavour.description.utf8)) else {
            return failed("cannot mark the dependency build complete in \(folder)")
        }
        if let remote { await store(in: remote) }
        return DependencyBuild(flavour: flavour, cached: false, duration: Date().timeIntervalSince(started))
    }

    /// SwiftPM's error lines (each with the lines that explain it, when it ends in a colon),
    /// with the generated manifest's path replaced by the declaration's, and the line of the
    /// first error that points into the manifest.
    static func summarize(_ log: String, manifest: String, shownAs: String) -> (String, Int?) {
        var seen: Set<String> = []
        var line: Int?
        var kept: [String] = []
        var explaining = 0
        for text in log.split(separator: "\n").map({ $0.replacingOccurrences(of: manifest, with: shownAs) }) {
            // The compiler's quoted source and carets, and the manifest's compile command, are noise here.
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("|") || trimmed.hasPrefix("`-") { continue }
            let named = text.replacing(/\ \(compiled with: .*\)/, with: "")
            if named.contains("error:") {
                guard seen.insert(named).inserted else { continue }
                if line == nil, named.hasPrefix(shownAs + ":") {
                    line = named.dropFirst(shownAs.count + 1).split(separator: ":").first.flatMap { Int($0) }
                }
                kept.append(named)
                explaining = named.hasSuffix(":") ? 3 : 0
            } else if explaining > 0 && !trimmed.isEmpty {
                kept.append(named)
                explaining -= 1
            }
        }
        let tail = log.split(separator: "\n").suffix(20).joined(separator: "\n")
        return (kept.isEmpty ? tail : kept.joined(separator: "\n"), line)
    }
}

/// Waits for an exclusive `flock` on a thread of its own, not one of the pool's.
enum BlockingLock {
    static func wait(_ descriptor: Int32) async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            Thread.detachNewThread {
                _ = flock(descriptor, LOCK_EX)
                done.resume()
            }
        }
    }
}
