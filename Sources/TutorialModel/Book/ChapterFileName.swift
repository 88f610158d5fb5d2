/// The parts of a chapter's file name, `NN-slug.md`.
struct ChapterFileName: Hashable, Sendable {
    var number: Int
    var slug: String

    /// Parses a file name, or returns nil when it does not follow the `NN-slug.md` form.
    package init?(_ fileName: String) {
        guard fileName.hasSuffix(".md") else { return nil }
        let stem = fileName.dropLast(3)
        guard let dash = stem.firstIndex(of: "-") else { return nil }
        let digits = stem[..<dash]
        let slug = stem[stem.index(after: dash)...]
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let number = Int(digits) else { return nil }
        let allowed = slug.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" || $0 == "_" }
        guard !slug.isEmpty, allowed, slug.first != "-" else { return nil }
        self.number = number
        self.slug = String(slug)
    }
}
