/// One chapter of the book: a Markdown file named `NN-slug.md`.
public struct Chapter: Sendable {
    /// The file's path as shown in diagnostics (relative to the working directory when possible).
    public var path: String
    /// The numeric prefix of the file name, which orders the book.
    public var number: Int
    /// The part of the file name after the number: names the page and the chapter's example.
    public var slug: String
    public var title: String
    public var document: MarkdownDocument
    /// A hash of the file's text: the page is rendered again only when it (or what it shows) changes.
    public var sourceHash: String = ""

    /// The page this chapter is rendered to, relative to the site's root.
    public var pageName: String { "\(slug).html" }
}

/// A book: its title, an optional introduction (`index.md`) and its chapters in order.
public struct Book: Sendable {
    public var title: String
    public var introduction: MarkdownDocument?
    /// A hash of the introduction's text.
    public var introductionHash: String = ""
    public var chapters: [Chapter]
    /// The folder the chapters were read from, as given.
    public var chaptersDirectory: String

    public init(title: String, introduction: MarkdownDocument?, introductionHash: String = "", chapters: [Chapter], chaptersDirectory: String) {
        self.title = title
        self.introduction = introduction
        self.introductionHash = introductionHash
        self.chapters = chapters
        self.chaptersDirectory = chaptersDirectory
    }
}
