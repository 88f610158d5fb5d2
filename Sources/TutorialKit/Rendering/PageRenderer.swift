/// Renders a chapter's content: cmark's prose, the highlighted cells, and an output block for
/// every slot (and after every cell that printed with no slot before the next cell).
public struct PageRenderer: Sendable {
    public var catalog: ExampleCatalog
    public var outcomes: [String: ExampleOutcome]

    public init(catalog: ExampleCatalog, outcomes: [String: ExampleOutcome]) {
        self.catalog = catalog
        self.outcomes = outcomes
    }

    /// The chapter's HTML content, and warnings about slots that have nothing to show.
    public func content(of chapter: Chapter) -> (html: String, warnings: [Diagnostic]) {
        let blocks = chapter.document.blocks
        let roles = blocks.map { BlockRole(of: $0) }
        var html = ""
        var warnings: [Diagnostic] = []
        var pending: [ExampleCatalog.CellID] = []
        var blockIndex = 0
        for piece in chapter.document.pieces {
            guard case .block(let block) = piece else {
                if case .html(let prose) = piece { html += prose }
                continue
            }
            defer { blockIndex += 1 }
            switch roles[blockIndex] {
            case .cell:
                html += Self.cellHTML(block)
                if let cell = catalog.cell(chapter: chapter, blockIndex: blockIndex) { pending.append(cell) }
                let slotFollows = roles[(blockIndex + 1)...].first { $0 != .shown } == .slot
                if !slotFollows {
                    let rendered = outputBlocks(for: pending).filter(\.isWorthShowing)
                    html += rendered.map(OutputBlockRenderer.html).joined()
                    pending = []
                }
            case .slot:
                if pending.isEmpty {
                    warnings.append(Diagnostic(
                        file: chapter.path, line: block.position.line, column: block.position.column,
                        severity: .warning, message: "this output block has no swift cell before it to take output from"))
                }
                html += outputBlocks(for: pending).map(OutputBlockRenderer.html).joined()
                pending = []
            case .shown:
                html += "<pre><code>\(HTML.escape(block.body))</code></pre>\n"
            }
        }
        return (html, warnings)
    }

    /// One block per example among `cells` (cells of several examples can share a slot).
    private func outputBlocks(for cells: [ExampleCatalog.CellID]) -> [OutputBlock] {
        var order: [String] = []
        var byExample: [String: [Int]] = [:]
        for cell in cells {
            if byExample[cell.example] == nil { order.append(cell.example) }
            byExample[cell.example, default: []].append(cell.index)
        }
        return order.compactMap { name in
            outcomes[name].map { OutputBlock(cells: byExample[name] ?? [], outcome: $0) }
        }
    }

    static func cellHTML(_ block: FencedBlock) -> String {
        "<pre class=\"code\"><code class=\"language-swift\">\(SwiftHighlighter.html(block.body))</code></pre>\n"
    }
}
