import Foundation
import TutorialModel
import TutorialSupport

/// `tutorial init`: a new book that builds at once, from the starter files the tool ships
/// (`Resources/starter`): an introduction, a first chapter that shows a cell, an output slot, a
/// checked output and a cell that must fail, a `.gitignore`, a CI workflow that runs `tutorial
/// check`, and a README with the commands.
public struct BookStarter: Sendable {
    /// The book's folder, created if missing.
    public var folder: String

    public init(folder: String) {
        self.folder = folder
    }

    /// Shipped names that a book holds under another one (SwiftPM would not ship dot files).
    static let renamed = ["gitignore": ".gitignore", "github": ".github"]

    /// The files written, as paths inside the book, with their shipped sources.
    func files() -> [(path: String, source: URL)] {
        guard let root = ShippedResources.url("starter"),
              let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var files: [(String, URL)] = []
        for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            var parts = url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1).split(separator: "/").map(String.init)
            parts[0] = Self.renamed[parts[0]] ?? parts[0]
            files.append((parts.joined(separator: "/"), url))
        }
        return files.sorted { $0.0 < $1.0 }
    }

    /// Writes the starter book into ``folder`` and returns the paths written. Nothing is written
    /// when any of them exists already (the error names each one) or the folder is not one.
    @discardableResult
    public func create() throws(DiagnosticsError) -> [String] {
        let files = files()
        guard !files.isEmpty else {
            throw DiagnosticsError([Diagnostic(file: "tutorial", message: "the starter book is missing from the tool's resources")])
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), !isFolder.boolValue {
            throw DiagnosticsError([Diagnostic(file: folder, message: "not a folder: a new book needs a folder of its own")])
        }
        let existing = files.map(\.path).filter { FileManager.default.fileExists(atPath: "\(folder)/\($0)") }
            .map { folder == "." ? $0 : "\(folder)/\($0)" }
        guard existing.isEmpty else {
            throw DiagnosticsError(existing.map {
                Diagnostic(file: $0, message: "exists already: tutorial init writes nothing over a file (move it, or start the book in another folder)")
            })
        }
        var written: [String] = []
        do {
            for file in files {
                let target = "\(folder)/\(file.path)"
                try FileManager.default.createDirectory(
                    atPath: URL(fileURLWithPath: target).deletingLastPathComponent().path, withIntermediateDirectories: true)
                try AtomicFile.write(try Data(contentsOf: file.source), to: target)
                written.append(file.path)
            }
        } catch {
            throw DiagnosticsError([Diagnostic(file: folder, message: "cannot write the new book: \(error.localizedDescription)")])
        }
        return written
    }
}
