import Foundation
import TutorialModel

/// The search index the build writes: every section of every page (title, heading, prose), as a
/// script that defines `window.tutorialSearchIndex`. A script, not JSON, so that it loads from
/// `file://` where a page cannot fetch files.
package enum SearchIndex {
    package static let fileName = "search-index.js"

    struct Entry: Encodable {
        /// The page, the anchor of the section, the page's title, the heading, the text.
        var p: String
        var a: String
        var t: String
        var h: String
        var x: String
    }

    package static func script(for book: Book) -> Data {
        var entries: [Entry] = []
        if let introduction = book.introduction {
            entries += introduction.sections.map { Entry(p: "index.html", a: $0.anchor, t: book.title, h: $0.heading, x: collapse($0.text)) }
        }
        for chapter in book.chapters {
            entries += chapter.document.sections.map {
                Entry(p: chapter.pageName, a: $0.anchor, t: chapter.title, h: $0.heading, x: collapse($0.text))
            }
        }
        let encoder = JSONEncoder()
        // Sorted keys: a dictionary's order changes from one process to the next, the file must not.
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        let json = (try? encoder.encode(entries)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
        // "</" cannot end a script element here, but keep the file safe to inline anyway.
        let safe = json.replacingOccurrences(of: "</", with: "<\\/")
        return Data("window.tutorialSearchIndex = \(safe);\n".utf8)
    }

    /// The text with every run of spaces and line breaks made one space, trimmed.
    static func collapse(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for byte in text.utf8 {
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
                pendingSpace = !bytes.isEmpty
            } else {
                if pendingSpace { bytes.append(0x20) }
                pendingSpace = false
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
