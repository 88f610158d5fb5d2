/// Renders a chapter's content: cmark's prose, the highlighted cells, and the output blocks,
/// filled from the examples' verdicts.
public enum PageRenderer {
    /// The chapter's HTML. `highlight` turns Swift code into highlighted HTML; `output` renders
    /// an output block.
    public static func html(
        _ plan: ChapterPlan, verdicts: [String: ExampleVerdict],
        highlight: (String) -> String = SwiftHighlighter.html, output: (OutputBlock) -> String
    ) -> String {
        plan.items.map { item in
            switch item {
            case .prose(let html): html
            case .code(let block): cellHTML(block, highlight: highlight)
            case .output(let placement): blocks(placement, verdicts: verdicts).map(output).joined()
            }
        }.joined()
    }

    /// The blocks a place shows: one per example feeding it. Output placed after its cell shows
    /// only when there is something to show.
    static func blocks(_ placement: ChapterPlan.Placement, verdicts: [String: ExampleVerdict]) -> [OutputBlock] {
        placement.cellsByExample.compactMap { example, cells in
            guard let verdict = verdicts[example] else { return nil }
            var block = verdict.block(cells: cells)
            if let slot = placement.slot {
                block.differs = verdict.differingSlots.contains(slot.position.line)
            } else if !block.isWorthShowing {
                return nil
            }
            return block
        }
    }

    static func cellHTML(_ block: FencedBlock, highlight: (String) -> String = SwiftHighlighter.html) -> String {
        "<pre class=\"code\"><code class=\"language-swift\">\(highlight(block.body))</code></pre>\n"
    }
}
