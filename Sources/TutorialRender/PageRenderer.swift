import TutorialCheck
import TutorialModel
/// Renders a chapter's content: cmark's prose, the highlighted cells, and the output blocks,
/// filled from the examples' verdicts.
package enum PageRenderer {
    /// The chapter's HTML. `highlight` turns Swift code into highlighted HTML; `output` renders
    /// an output block.
    package static func html(
        _ plan: ChapterPlan, verdicts: [String: ExampleVerdict],
        highlight: (String) -> String = SwiftHighlighter.html, output: (OutputBlock) -> String
    ) -> String {
        plan.items.map { item in
            switch item {
            case .prose(let html): html
            case .code(let block, let cell): cellHTML(block, cell: cell, highlight: highlight)
            case .output(let placement): placeHTML(placement, blocks(placement, verdicts: verdicts).map(output).joined())
            }
        }.joined()
    }

    /// The blocks a place shows: one per example feeding it. Output placed after its cell shows
    /// only when there is something to show.
    package static func blocks(_ placement: ChapterPlan.Placement, verdicts: [String: ExampleVerdict]) -> [OutputBlock] {
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

    /// A cell's code; a cell of an example says which (`data-example`, `data-cell`), so that a
    /// script can find it.
    static func cellHTML(_ block: FencedBlock, cell: ExampleCatalog.CellID? = nil, highlight: (String) -> String = SwiftHighlighter.html) -> String {
        let data = cell.map { " data-example=\"\(HTML.escape($0.example))\" data-cell=\"\($0.index)\"" } ?? ""
        return "<pre class=\"code\"\(data)><code class=\"language-swift\">\(highlight(block.body))</code></pre>\n"
    }

    /// The place of some cells' output, which says whose (`data-cells`, `example:index` each), so
    /// that a script can fill it again.
    static func placeHTML(_ placement: ChapterPlan.Placement, _ content: String) -> String {
        let cells = placement.cells.map { "\($0.example):\($0.index)" }.joined(separator: " ")
        return "<div class=\"output-place\" data-cells=\"\(HTML.escape(cells))\">\n\(content)</div>\n"
    }
}
