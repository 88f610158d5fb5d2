import Foundation
import TutorialExecution
import TutorialModel
import TutorialSupport

/// Where a book is and how to build it: the settings every command shares.
public struct BuildSettings: Sendable {
    public var chapters: String
    public var output: String
    /// The cache folder; nil for `.tutorial-cache` beside the chapters folder.
    var cacheRoot: String?
    /// How many examples compile and run at once.
    public var jobs: Int
    /// Seconds a run may last.
    var timeout: Double
    /// Bytes a run may use, all its processes together; nil for no limit.
    public var memoryLimit: Int? = MemorySize.defaultLimit.bytes
    /// Bytes a run may write into its scratch and temporary folders; nil for no limit.
    public var diskLimit: Int? = MemorySize.defaultDiskLimit.bytes
    /// How many cores each run may use (`--cpus`); nil for all.
    public var cpus: Int?
    /// Seconds a compile may last.
    public var compileTimeout: Double = Compiler.defaultTimeout
    /// Shards, `--cached-only` and the remote cache.
    public var sharing = SharingSettings()
    /// What compiles the examples; nil for `swiftc`. Only tests of the pipeline set another.
    package var compiler: (any ProgramCompiler)?

    public init(
        chapters: String = "chapters", output: String = "site", cacheRoot: String? = nil,
        jobs: Int = ProcessInfo.processInfo.activeProcessorCount, timeout: Double = ExampleRunner.defaultTimeout
    ) {
        self.chapters = chapters
        self.output = output
        self.cacheRoot = cacheRoot
        self.jobs = max(jobs, 1)
        self.timeout = timeout
    }

    /// The folder whose files override the built-in theme: `theme/` beside the chapters folder.
    public var themeDirectory: String {
        URL(fileURLWithPath: chapters).standardizedFileURL.deletingLastPathComponent().appendingPathComponent("theme").path
    }

    /// The cache folder as messages name it: as given, or relative to the working folder.
    public var cacheShownAs: String {
        cacheRoot ?? BookLoader.displayPath(ProgramCache.defaultRoot(forChapters: chapters))
    }

    /// The book's declaration of SwiftPM packages as messages name it: relative to the working
    /// folder, like the chapters.
    package var dependenciesShownAs: String {
        BookLoader.displayPath(BookDependencies.declarationPath(chapters: chapters))
    }

    /// The cache, at an absolute path: programs run in other folders must still find it.
    public var cache: ProgramCache {
        ProgramCache(root: URL(fileURLWithPath: cacheRoot ?? ProgramCache.defaultRoot(forChapters: chapters)).standardizedFileURL.path)
    }

    /// Throws unless the output folder is one the site may replace: never the chapters folder,
    /// the cache, the theme or the current folder, nor a folder holding any of them, nor a folder
    /// inside the chapters or the cache; and, when it exists, empty or a site the tool wrote,
    /// unchanged. The cache folder, too, must be empty or the tool's; the chapters folder must
    /// exist and hold a `*.md` file.
    public func checkFolders() throws(DiagnosticsError) {
        // A mistaken --chapters is said before anything (a lock, a cache) is created.
        _ = try BookLoader(chaptersDirectory: chapters).markdownFiles()
        let output = ResolvedPath.of(self.output)
        let shown = self.output
        let protected = [
            (FileManager.default.currentDirectoryPath, "the current folder"), (chapters, "the chapters folder"),
            (cache.root, "the cache folder"), (themeDirectory, "the theme folder"),
        ].map { (path: $0.0, resolved: ResolvedPath.of($0.0), role: $0.1) }
        func refuse(_ message: String) -> DiagnosticsError {
            DiagnosticsError([Diagnostic(file: shown, message: message)])
        }
        if let same = protected.first(where: { $0.resolved == output }) {
            throw refuse("--output cannot be \(same.role): the site replaces its folder whole")
        }
        if let held = protected.first(where: { ResolvedPath.contains(output, $0.resolved) }) {
            throw refuse("--output cannot be a folder that holds \(held.role) (\(BookLoader.displayPath(held.path))): the site replaces its folder whole")
        }
        if let holder = protected.dropFirst().prefix(2).first(where: { ResolvedPath.contains($0.resolved, output) }) {
            throw refuse("--output cannot be inside \(holder.role)")
        }
        try OwnedFolder.checkReplaceable(output, kind: .site, shownAs: shown)
        try OwnedFolder.checkReplaceable(cache.root, kind: .cache, shownAs: cacheShownAs)
    }
}

/// A loaded book and the examples it registers.
public struct Project: Sendable {
    package var settings: BuildSettings
    public var book: Book
    public var catalog: ExampleCatalog
    /// Problems found while loading (chapters left out).
    public var diagnostics: [Diagnostic]
    /// The compiler's version, asked for in the background once the book has loaded.
    private var compilerVersion: Task<String, Never>?

    /// Loads the chapters named by `settings`. With `forRunning`, it claims the cache folder and
    /// looks the compiler's version up (part of every cache key, and a tenth of a second to ask
    /// for) in the background.
    public static func load(_ settings: BuildSettings, forRunning: Bool = false) throws(DiagnosticsError) -> Project {
        // The book first: a mistaken --chapters must create no cache.
        let (book, diagnostics) = try BookLoader(chaptersDirectory: settings.chapters).load()
        if forRunning {
            try OwnedFolder.claimCache(settings.cache.root, shownAs: settings.cacheShownAs)
        }
        let version = forRunning ? Task {
            if let compiler = settings.compiler { return await compiler.version() }
            return await CompilerIdentity.version(of: Compiler(), cache: settings.cache)
        } : nil
        return Project(
            settings: settings, book: book, catalog: ExampleCatalog(book: book), diagnostics: diagnostics,
            compilerVersion: version)
    }

    /// A runner that compiles into this project's cache.
    public func makeRunner() async -> ExampleRunner {
        let swiftc = Compiler(timeout: settings.compileTimeout)
        let compiler: any ProgramCompiler = settings.compiler ?? swiftc
        let version = if let compilerVersion { await compilerVersion.value } else if let other = settings.compiler {
            await other.version()
        } else {
            await CompilerIdentity.version(of: swiftc, cache: settings.cache)
        }
        var runner = ExampleRunner(compiler: compiler, cache: settings.cache, compilerVersion: version, timeout: settings.timeout)
        runner.parallelRuns = settings.jobs
        runner.memoryLimit = settings.memoryLimit
        runner.diskLimit = settings.diskLimit
        runner.cpus = settings.cpus
        runner.remote = settings.sharing.makeRemote()
        runner.dependencies = BookDependencies(
            chapters: settings.chapters, shownAs: settings.dependenciesShownAs, cacheRoot: settings.cache.root, compilerVersion: version,
            remote: runner.remote)
        return runner
    }
}
