import Foundation
import TutorialSupport

/// A site's marker, `.tutorial-site`: every file the last build wrote into the folder, with the
/// SHA-256 of its contents. A build replaces the folder only when each file in it is listed with
/// its hash: a file the user added, or a page they edited, stops it.
package struct SiteManifest: Codable, Equatable, Sendable {
    /// Says what the file is to someone who opens it.
    var note = "Written by `tutorial build`, which replaces this folder only while every file in it is one listed here, unchanged."
    /// The marker's format; a marker of another format (or none) lists nothing.
    var format = Self.currentFormat
    /// Relative path to the SHA-256 (hex) of the file's contents.
    var files: [String: String]

    static let currentFormat = 2

    /// The manifest of a site made of `files` (relative path to contents).
    package init(files: [String: Data]) {
        self.files = files.mapValues { SHA256Digest.hex($0) }
    }

    /// The marker's bytes: JSON, so that any file name (a theme file's) is written exactly.
    package var data: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data()
    }

    /// The manifest a marker holds, or nil when it is not one this version writes (an empty file,
    /// an older version's note, another tool's file).
    static func parse(_ data: Data) -> SiteManifest? {
        guard let manifest = try? JSONDecoder().decode(SiteManifest.self, from: data),
              manifest.format == currentFormat else { return nil }
        return manifest
    }

    /// What stops `folder` (a site with this manifest, or nil for a marker that lists nothing)
    /// from being replaced: each file in it that is not listed, or no longer holds the listed
    /// bytes, and each entry that is neither a plain file nor a folder (a link is not followed),
    /// by relative path, sorted. The marker counts as unknown when it lists nothing. Throws when
    /// a folder in it cannot be read.
    static func unknownFiles(in folder: String, manifest: SiteManifest?, markerName: String) throws -> [String] {
        var unknown: [String] = []
        try walk(folder, relative: "") { path, isRegular in
            if path == markerName {
                if manifest == nil { unknown.append(path) }
                return
            }
            guard isRegular, let expected = manifest?.files[path],
                  let contents = FileManager.default.contents(atPath: "\(folder)/\(path)"),
                  SHA256Digest.hex(contents) == expected else {
                unknown.append(path)
                return
            }
        }
        return unknown.sorted()
    }

    /// Calls `visit` with every entry below `folder` that is not a folder, and whether it is a
    /// plain file, as `lstat` sees it (a link is not followed).
    private static func walk(_ folder: String, relative: String, visit: (String, Bool) -> Void) throws {
        let base = relative.isEmpty ? folder : "\(folder)/\(relative)"
        for name in try FileManager.default.contentsOfDirectory(atPath: base) {
            let path = relative.isEmpty ? name : "\(relative)/\(name)"
            var status = stat()
            let mode = lstat("\(folder)/\(path)", &status) == 0 ? status.st_mode & S_IFMT : 0
            if mode == S_IFDIR {
                try walk(folder, relative: path, visit: visit)
            } else {
                visit(path, mode == S_IFREG)
            }
        }
    }
}
