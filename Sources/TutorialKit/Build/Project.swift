import Foundation

/// Where a book is and how to build it: the settings every command shares.
public struct BuildSettings: Sendable {
    public var chapters: String
    public var output: String
    /// The cache folder; nil for `.tutorial-cache` beside the chapters folder.
    public var cacheRoot: String?
    /// How many examples compile and run at once.
    public var jobs: Int
    /// Seconds a run may last.
    public var timeout: Double
    /// Bytes each process of a run may allocate; nil for no limit.
    public var memoryLimit: Int? = MemorySize.defaultLimit.bytes
    /// Seconds a compile may last.
    public var compileTimeout: Double = Compiler.defaultTimeout

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

    public var cache: ProgramCache {
        ProgramCache(root: cacheRoot ?? ProgramCache.defaultRoot(forChapters: chapters))
    }
}

/// A loaded book and the examples it registers.
public struct Project: Sendable {
    public var settings: BuildSettings
    public var book: Book
    public var catalog: ExampleCatalog
    /// Problems found while loading (chapters left out).
    public var diagnostics: [Diagnostic]
    /// The compiler's version, asked for while the chapters load.
    private var compilerVersion: Task<String, Never>?

    /// Loads the chapters named by `settings`. With `forRunning`, the compiler's version (part
    /// of every cache key, and a tenth of a second to ask for) is found meanwhile.
    public static func load(_ settings: BuildSettings, forRunning: Bool = false) throws(DiagnosticsError) -> Project {
        let version = forRunning ? Task { await CompilerIdentity.version(of: Compiler(), cache: settings.cache) } : nil
        let (book, diagnostics) = try BookLoader(chaptersDirectory: settings.chapters).load()
        return Project(
            settings: settings, book: book, catalog: ExampleCatalog(book: book), diagnostics: diagnostics,
            compilerVersion: version)
    }

    /// A runner that compiles into this project's cache.
    public func makeRunner() async -> ExampleRunner {
        let compiler = Compiler(timeout: settings.compileTimeout)
        let version = if let compilerVersion { await compilerVersion.value } else {
            await CompilerIdentity.version(of: compiler, cache: settings.cache)
        }
        var runner = ExampleRunner(compiler: compiler, cache: settings.cache, compilerVersion: version, timeout: settings.timeout)
        runner.memoryLimit = settings.memoryLimit
        return runner
    }
}
