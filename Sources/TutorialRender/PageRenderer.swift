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
        var html = ""
        var solution: String?
        for item in plan.items {
            // A solution's code and output go in one collapsed box.
            let example = item.example
            if let open = solution, example != open {
                html += "</details>\n"
                solution = nil
            }
            switch item {
            case .prose(let prose): html += prose
            case .code(let block, let cell):
                let owner = cell.flatMap { verdicts[$0.example]?.example }
                if let owner, owner.solvedExercise != nil, solution == nil {
                    solution = owner.name
                    html += "<details class=\"solution\"><summary>Solution</summary>\n"
                }
                html += cellHTML(block, cell: cell, highlight: highlight)
                if let owner, owner.isExercise { html += checksHTML(owner) }
            case .output(let placement): html += placeHTML(placement, blocks(placement, verdicts: verdicts).map(output).joined())
            }
        }
        return html + (solution == nil ? "" : "</details>\n")
    }

    /// What an exercise's checks check, listed under its starter code.
    static func checksHTML(_ exercise: Example) -> String {
        let items = exercise.checkDescriptions.map { "<li>\(HTML.escape($0))</li>" }.joined()
        return "<div class=\"exercise-checks\" data-exercise=\"\(HTML.escape(exercise.name))\"><p>Exercise: complete the code above; "
            + "it passes when every check holds:</p><ul>\(items)</ul></div>\n"
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
