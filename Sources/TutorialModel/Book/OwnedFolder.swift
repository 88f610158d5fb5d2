import Foundation
import TutorialSupport

/// The folders the tool writes whole, the site and the cache, and the marker file it leaves in
/// each to say that it wrote it. The tool replaces or empties a folder only when it is missing,
/// empty, or plainly its own: a cache whose tag is the tool's own (not another program's
/// `CACHEDIR.TAG`), a site whose every file is listed, unchanged, in its marker. Anything else
/// there is the user's, and the tool refuses to touch it.
package enum OwnedFolder {
    package enum Kind: Sendable {
        case site, cache

        /// The marker's file name. The cache's is the standard cache directory tag, which backup
        /// tools know to skip; the site's lists the site's files (``SiteManifest``).
        package var markerName: String {
            switch self {
            case .site: ".tutorial-site"
            case .cache: "CACHEDIR.TAG"
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

    /// The cache's tag: the standard signature, then a line naming the tool. Only a tag with
    /// exactly these bytes marks a folder as the tool's cache: Cargo, for one, tags its
    /// `target` folder with the same signature.
    static let cacheTag = Data("""
        Signature: 8a477f597d28d172789f06886806bc55
        # This file is a cache directory tag created by tutorial: programs and results it can make again.

        """.utf8)

    /// Throws, naming the folder as `shownAs`, unless `path` is missing, an empty folder, or a
    /// folder the tool may replace: for `.cache`, one that holds the tool's own tag; for `.site`,
    /// one whose every file its marker lists with the file's present hash.
    package static func checkReplaceable(_ path: String, kind: Kind, shownAs name: String) throws(DiagnosticsError) {
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
        if entries.isEmpty { return }
        let marker = readMarker("\(path)/\(kind.markerName)")
        switch kind {
        case .cache:
            if marker == cacheTag { return }
            let why = marker == nil
                ? "it holds files that tutorial did not write (\(listed(entries))) and no \(kind.markerName) of tutorial's"
                : "its \(kind.markerName) was not written by tutorial (another program's cache, or a copy), and it holds \(listed(entries))"
            throw refusal(name, """
                refusing to use this folder for \(kind.role): \(why), and \(kind.role) would replace them; choose another \
                \(kind.option) or empty the folder first
                """)
        case .site:
            let manifest = marker.flatMap(SiteManifest.parse)
            let unknown: [String]
            do {
                unknown = try SiteManifest.unknownFiles(in: path, manifest: manifest, markerName: kind.markerName)
            } catch {
                throw refusal(name, "cannot read the folder: \(BookLoader.reason(error))")
            }
            if unknown.isEmpty { return }
            let why = switch (marker, manifest) {
            case (nil, _): "it holds files that tutorial did not write (\(listed(unknown))) and no \(kind.markerName) marker"
            case (_, nil): """
                its \(kind.markerName) marker lists no files (written by an older tutorial, or not by tutorial), so \
                every file in it may be the user's (\(listed(unknown)))
                """
            default: "it holds files that the last build did not write, or that changed since (\(listed(unknown)))"
            }
            throw refusal(name, """
                refusing to use this folder for \(kind.role): \(why), and \(kind.role) would replace them; move them \
                elsewhere, choose another \(kind.option), or remove the folder first
                """)
        }
    }

    /// Creates the cache folder if needed and writes its tag into it, after checking that the
    /// folder is the tool's to use.
    package static func claimCache(_ path: String, shownAs name: String) throws(DiagnosticsError) {
        try checkReplaceable(path, kind: .cache, shownAs: name)
        let marker = "\(path)/\(Kind.cache.markerName)"
        if readMarker(marker) == cacheTag { return }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            try AtomicFile.write(cacheTag, to: marker)
        } catch {
            throw refusal(name, "cannot create the cache here: \(BookLoader.reason(error))")
        }
    }

    /// The marker's bytes, if it is a plain file of a sensible size: a link, a FIFO that would
    /// never end, or a huge file under that name is no marker.
    private static func readMarker(_ path: String) -> Data? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              attributes[.type] as? FileAttributeType == .typeRegular,
              let size = (attributes[.size] as? NSNumber)?.intValue, size <= 64 << 20 else { return nil }
        return FileManager.default.contents(atPath: path)
    }

    /// The first few of `names`, for a message.
    private static func listed(_ names: [String]) -> String {
        names.prefix(5).joined(separator: ", ") + (names.count > 5 ? " and \(names.count - 5) more" : "")
    }

    private static func refusal(_ name: String, _ message: String) -> DiagnosticsError {
        DiagnosticsError([Diagnostic(file: name, message: message)])
    }
}

/// Paths compared as the file system sees them: absolute, with `.`, `..` and symbolic links
/// resolved, so that `--output chapters/..` or a link to the chapters folder is recognised.
package enum ResolvedPath {
    /// The absolute path of `path`, with the links of the part that exists resolved.
    package static func of(_ path: String) -> String {
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
    package static func contains(_ folder: String, _ path: String) -> Bool {
        folder == "/" || path == folder || path.hasPrefix(folder + "/")
    }
}
