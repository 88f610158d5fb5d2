import Foundation
import TutorialModel

/// `print.html`: the whole book on one page, to print or save as one PDF, made from the chapter
/// pages the build wrote (their `<article>`), each in a section of its own. The ids of one
/// chapter are prefixed with its slug, and its links to its own anchors with them, so that no id
/// appears twice on the page.
package enum PrintPage {
    package static let fileName = "print.html"

    /// The articles of `book`'s chapter pages (in `files`, by page name), one section each.
    package static func content(for book: Book, files: [String: Data]) -> String {
        book.chapters.compactMap { chapter -> String? in
            guard let page = files[chapter.pageName].map({ String(decoding: $0, as: UTF8.self) }),
                  let article = article(of: page) else { return nil }
            let prefix = chapter.slug + "-"
            let local = article
                .replacingOccurrences(of: " id=\"", with: " id=\"\(prefix)")
                .replacingOccurrences(of: " href=\"#", with: " href=\"#\(prefix)")
            return "<section class=\"print-chapter\" id=\"\(chapter.slug)\">\n\(local)</section>\n"
        }.joined()
    }

    /// What a page's `<article>` holds, or nil for a theme whose pages have none.
    static func article(of page: String) -> String? {
        guard let open = page.range(of: "<article>"), let close = page.range(of: "</article>", options: .backwards),
              open.upperBound <= close.lowerBound else { return nil }
        return String(page[open.upperBound..<close.lowerBound])
    }
}
