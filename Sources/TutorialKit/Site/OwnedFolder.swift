import Foundation

/// The folders the tool writes whole, the site and the cache, and the marker file it leaves in
/// each to say that it wrote it. The tool replaces or empties a folder only when it is missing,
/// empty, or carries its marker: anything else there is the user's, and the tool refuses to
/// touch it.
enum OwnedFolder {
    enum Kind: Sendable {
        case site, cache

        /// The marker's file name. The cache's is the standard cache directory tag, which backup
        /// tools know to skip.
        var markerName: String {
            switch self {
            case .site: ".tutorial-site"
            case .cache: "CACHEDIR.TAG"
            }
        }

        var markerContents: Data {
            switch self {
            case .site:
                Data("This folder was written by `tutorial build`, which replaces it whole on every build.\n".utf8)
            case .cache:
                Data("""
                    Signature: 8a477f597d28d172789f06886806bc55
                    # This file is a cache directory tag created by tutorial: programs and results it can make again.

                    """.utf8)
            }
        }

        var role: String {
            switch self {
            case .site: "the site"
            case .cache: "the cache"
            }
        }

        var option: String {
            switch self {
            case .site: "--output"
            case .cache: "--cache-dir"
            }
        }
    }

    /// Throws, naming the folder as `shownAs`, unless `path` is missing, an empty folder, or a
    /// folder that carries the marker of `kind`.
    static func checkReplaceable(_ path: String, kind: Kind, shownAs name: String) throws(DiagnosticsError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else {
            throw refusal(name, "refusing to use this path for \(kind.role): it is a file, not a folder")
        }
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
        } catch {
            throw refusal(name, "cannot read the folder: \(BookLoader.reason(error))")
        }
        if entries.isEmpty || entries.contains(kind.markerName) { return }
        let shown = entries.prefix(3).joined(separator: ", ") + (entries.count > 3 ? ", ..." : "")
        throw refusal(name, """
            refusing to use this folder for \(kind.role): it holds files that tutorial did not write (\(shown)) \
            and no \(kind.markerName) marker, and \(kind.role) would replace them; choose another \(kind.option) \
            or empty the folder first
            """)
    }

    /// Creates the folder if needed and writes the marker of `kind` into it, after checking that
    /// the folder is the tool's to use.
    static func claim(_ path: String, kind: Kind, shownAs name: String) throws(DiagnosticsError) {
        try checkReplaceable(path, kind: kind, shownAs: name)
        let marker = "\(path)/\(kind.markerName)"
        if FileManager.default.fileExists(atPath: marker) { return }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            try mark(path, kind: kind)
        } catch {
            throw refusal(name, "cannot create \(kind.role) here: \(BookLoader.reason(error))")
        }
    }

    /// Writes the marker of `kind` into the existing folder `path`.
    static func mark(_ path: String, kind: Kind) throws {
        try ProgramCache.writeAtomically(kind.markerContents, to: "\(path)/\(kind.markerName)")
    }

    private static func refusal(_ name: String, _ message: String) -> DiagnosticsError {
        DiagnosticsError([Diagnostic(file: name, message: message)])
    }
}

/// Paths compared as the file system sees them: absolute, with `.`, `..` and symbolic links
/// resolved, so that `--output chapters/..` or a link to the chapters folder is recognised.
enum ResolvedPath {
    /// The absolute path of `path`, with the links of the part that exists resolved.
    static func of(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var existing = absolute
        var rest: [String] = []
        while existing != "/" && !FileManager.default.fileExists(atPath: existing) {
            rest.insert(URL(fileURLWithPath: existing).lastPathComponent, at: 0)
            existing = URL(fileURLWithPath: existing).deletingLastPathComponent().path
        }
        guard let real = realpath(existing, nil) else { return absolute }
        defer { free(real) }
        let base = String(cString: real)
        return rest.reduce(base) { $0 == "/" ? "/\($1)" : "\($0)/\($1)" }
    }

    /// Whether `folder` is `path` itself or a folder that holds it.
    static func contains(_ folder: String, _ path: String) -> Bool {
        folder == "/" || path == folder || path.hasPrefix(folder + "/")
    }
}
