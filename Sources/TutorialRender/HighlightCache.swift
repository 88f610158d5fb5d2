import Foundation
import TutorialExecution
import TutorialSupport

/// Highlighted code kept between builds, by a hash of the code: a page rendered again after an
/// edit to its prose does not parse its cells again. Each entry holds its hash (``CheckedEntry``):
/// one cut short or changed is made again.
package struct HighlightCache: Sendable {
    var folder: String
    /// Past this many entries the cache starts afresh, so that it never grows without bound.
    static let limit = 20_000

    package init(cache: ProgramCache) {
        folder = "\(cache.root)/highlight"
    }

    /// The code's highlighted HTML, from the cache or made now (and kept).
    package func html(_ code: String) -> String {
        let path = path(for: code)
        if let data = FileManager.default.contents(atPath: path).flatMap(CheckedEntry.open) {
            return String(decoding: data, as: UTF8.self)
        }
        let html = SwiftHighlighter.html(code)
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try? UnsyncedFile.replace(CheckedEntry.seal(Data(html.utf8)), at: path)
        return html
    }

    /// Whether every cell of the chapter with this source hash was highlighted already: one
    /// file to look at instead of one per cell, which keeps a no-op build quick.
    package func holdsChapter(_ sourceHash: String) -> Bool {
        FileManager.default.fileExists(atPath: chapterMark(sourceHash))
    }

    /// Records that every cell of the chapter with this source hash is in the cache.
    package func markChapter(_ sourceHash: String) {
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // No flush: a mark that outlives its entries only makes `html` highlight them again.
        try? UnsyncedFile.replace(Data(), at: chapterMark(sourceHash))
    }

    private func chapterMark(_ sourceHash: String) -> String {
        "\(folder)/chapter-\(ExampleRunner.toolHash)-\(sourceHash)"
    }

    /// Whether the cache holds the code's HTML.
    package func holds(_ code: String) -> Bool {
        FileManager.default.fileExists(atPath: path(for: code))
    }

    private func path(for code: String) -> String {
        var hash = StableHash()
        hash.combine(ExampleRunner.toolHash)
        hash.combine(code)
        return "\(folder)/\(hash.hex).html"
    }

    /// Empties the cache once it holds more than ``limit`` entries.
    package func trim() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder), names.count > Self.limit else { return }
        try? FileManager.default.removeItem(atPath: folder)
    }
}
