/// The names the site itself uses at its root, which no chapter's page may take: a chapter
/// `00-index.md` would otherwise overwrite the book's `index.html`.
enum ReservedPageNames {
    /// `index.html`, `print.html`, the theme's `style.css` and `tutorial.js`, `search-index.js`, and the
    /// `examples/` folder. Compared without case, for case-insensitive file systems.
    static let names: Set<String> = ["index", "style", "tutorial", "search-index", "examples", "print"]

    /// Whether a chapter with this slug would clash with a file the site writes.
    static func isReserved(_ slug: String) -> Bool {
        names.contains(slug.lowercased())
    }

    /// The diagnostic's message for a chapter whose slug is reserved.
    static func message(_ slug: String) -> String {
        let list = names.sorted().joined(separator: ", ")
        return "a chapter cannot be named '\(slug)': the site uses that name itself (reserved: \(list)); rename the file"
    }
}
