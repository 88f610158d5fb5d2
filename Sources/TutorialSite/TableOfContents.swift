import Foundation
import TutorialModel

/// The book's list of chapters, written once as `toc.js` for every page's sidebar (the theme's
/// script inserts it), instead of in each page: a page then holds only its own chapter, and the
/// site grows with the book, not with its square. A script, not JSON, so that it loads from
/// `file://` where a page cannot fetch files.
package enum TableOfContents {
    package static let fileName = "toc.js"

    /// `window.tutorialToc = [...]`: each chapter's page (`h`), number (`n`), slug (`s`) and title
    /// (`t`), in book order.
    package static func script(for book: Book) -> Data {
        var script = "window.tutorialToc = [\n"
        script.reserveCapacity(book.chapters.count * 80)
        for (index, chapter) in book.chapters.enumerated() {
            script += "{\"h\":\(literal(chapter.pageName)),\"n\":\(chapter.number),\"s\":\(literal(chapter.slug)),\"t\":\(literal(chapter.title))}"
            script += index + 1 < book.chapters.count ? ",\n" : "\n"
        }
        script += "];\n"
        return Data(script.utf8)
    }

    /// `text` as a JavaScript string literal that stays one string whatever it holds: quotes,
    /// backslashes, line breaks (U+2028 and U+2029 too) and the characters of markup (`<`, `>`,
    /// `&`) are written as `\uXXXX`, so no title can end the script or start an element.
    static func literal(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x20...0x7E where !"\"\\<>&'/".unicodeScalars.contains(scalar):
                result.unicodeScalars.append(scalar)
            case 0x20...0x7E, 0...0x1F, 0x7F, 0x2028, 0x2029:
                result += String(format: "\\u%04x", scalar.value)
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
