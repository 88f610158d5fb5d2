import Foundation
import TestSupport
@testable import TutorialModel

/// Examples made from Markdown in the test itself, with the library's own loader and catalog.
extension TestSupport {
    /// The first example of a one-chapter book made of `source`.
    static func example(_ source: String, file: String = "chapters/01-demo.md") -> Example {
        let document = BookLoader(chaptersDirectory: "unused").parser.parse(source)
        let chapter = Chapter(path: file, number: 1, slug: "demo", title: "Demo", document: document)
        let book = Book(title: "T", introduction: nil, chapters: [chapter], chaptersDirectory: "chapters")
        return ExampleCatalog(book: book).examples[0]
    }

}
