/// One chapter of the book: a Markdown file named `NN-slug.md`.
public struct Chapter: Sendable {
    /// The file's path as shown in diagnostics (relative to the working directory when possible).
    package var path: String
    /// The numeric prefix of the file name, which orders the book.
    package var number: Int
    /// The part of the file name after the number: names the page and the chapter's example.
    package var slug: String
    package var title: String
    package var document: MarkdownDocument
    /// A hash of the file's text: the page is rendered again only when it (or what it shows) changes.
    package var sourceHash: String = ""

    /// The page this chapter is rendered to, relative to the site's root.
    package var pageName: String { "\(slug).html" }
}

/// A book: its title, an optional introduction (`index.md`) and its chapters in order.
public struct Book: Sendable {
    package var title: String
    package var introduction: MarkdownDocument?
    /// A hash of the introduction's text.
    package var introductionHash: String = ""
    public var chapters: [Chapter]
    /// The folder the chapters were read from, as given.
    var chaptersDirectory: String
    /// The image files of the chapters folder that the introduction and chapters show, each once.
    package var images: [ChapterImage] = []

    package init(title: String, introduction: MarkdownDocument?, introductionHash: String = "", chapters: [Chapter], chaptersDirectory: String) {
        self.title = title
        self.introduction = introduction
        self.introductionHash = introductionHash
        self.chapters = chapters
        self.chaptersDirectory = chaptersDirectory
    }
}
