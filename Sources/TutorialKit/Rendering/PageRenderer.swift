/// Renders a chapter's content: cmark's prose, the highlighted cells, and the output blocks.
public enum PageRenderer {
    /// The chapter's HTML. `highlight` turns Swift code into highlighted HTML (by default with
    /// ``SwiftHighlighter``; a build passes one that remembers earlier results).
    public static func html(_ layout: ChapterLayout, highlight: (String) -> String = SwiftHighlighter.html) -> String {
        layout.items.map { item in
            switch item {
            case .prose(let html): html
            case .code(let block): cellHTML(block, highlight: highlight)
            case .output(let block, let differs): OutputBlockRenderer.html(block, differs: differs)
            }
        }.joined()
    }

    static func cellHTML(_ block: FencedBlock, highlight: (String) -> String = SwiftHighlighter.html) -> String {
        "<pre class=\"code\"><code class=\"language-swift\">\(highlight(block.body))</code></pre>\n"
    }
}
