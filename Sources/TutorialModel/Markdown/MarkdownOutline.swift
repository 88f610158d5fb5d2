/// A page's headings, with their anchors, and its prose cut at each heading for the search
/// index, both read off the Markdown tree.
struct MarkdownOutline {
    private(set) var headings: [Heading] = []
    private var sections = [MarkdownDocument.Section(anchor: "", heading: "", text: "")]
    private var anchors = HeadingAnchors()

    /// Reads `document`'s headings and text (without the code blocks).
    init(_ document: MarkdownBlock) {
        visit(document)
    }

    /// The sections that have a heading or some text.
    var nonEmptySections: [MarkdownDocument.Section] {
        sections.filter { !$0.heading.isEmpty || !$0.text.allSatisfy(\.isWhitespace) }
    }

    private mutating func visit(_ block: MarkdownBlock) {
        switch block.kind {
        case .heading(let level, let inlines):
            let text = MarkdownInline.plainText(inlines)
            let heading = Heading(level: level, text: text, anchor: anchors.anchor(for: text), line: block.range.start.line)
            headings.append(heading)
            sections.append(MarkdownDocument.Section(anchor: heading.anchor, heading: heading.text, text: ""))
            addText(inlines, inHeading: true)
        case .paragraph(let inlines):
            addText(inlines, inHeading: false)
            sections[sections.count - 1].text += " "
        case .item:
            block.children.forEach { visit($0) }
            sections[sections.count - 1].text += " "
        default:
            block.children.forEach { visit($0) }
        }
    }

    /// A heading's words are its section's title, not its text; line breaks space both.
    private mutating func addText(_ inlines: [MarkdownInline], inHeading: Bool) {
        for inline in inlines {
            switch inline {
            case .text(let literal), .code(let literal):
                if !inHeading { sections[sections.count - 1].text += literal }
            case .softBreak, .lineBreak:
                sections[sections.count - 1].text += " "
            case .htmlInline:
                break
            case .emphasis(let children), .strong(let children),
                 .link(_, _, let children), .image(_, _, let children):
                addText(children, inHeading: inHeading)
            }
        }
    }
}
