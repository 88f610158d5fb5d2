/// Renders a chapter's content: cmark's prose, the highlighted cells, and the output blocks.
public enum PageRenderer {
    public static func html(_ layout: ChapterLayout) -> String {
        layout.items.map { item in
            switch item {
            case .prose(let html): html
            case .code(let block): cellHTML(block)
            case .output(let block, let differs): OutputBlockRenderer.html(block, differs: differs)
            }
        }.joined()
    }

    static func cellHTML(_ block: FencedBlock) -> String {
        "<pre class=\"code\"><code class=\"language-swift\">\(SwiftHighlighter.html(block.body))</code></pre>\n"
    }
}
