/// What a chapter's page shows, in order: prose, code, and output blocks, with the problems
/// found while placing them (slots with nothing before them, output that differs from what the
/// author wrote). `tutorial build` renders it; `tutorial check` only reads its diagnostics.
public struct ChapterLayout: Sendable {
    public enum Item: Sendable {
        case prose(String)
        case code(FencedBlock)
        /// An output block; `differs` when it does not match the output the author wrote.
        case output(OutputBlock, differs: Bool)
    }

    public private(set) var items: [Item] = []
    public private(set) var diagnostics: [Diagnostic] = []

    public init(chapter: Chapter, catalog: ExampleCatalog, outcomes: [String: ExampleOutcome]) {
        let blocks = chapter.document.blocks
        let ids = blocks.indices.map { catalog.cell(chapter: chapter, blockIndex: $0) }
        var pending: [ExampleCatalog.CellID] = []
        var blockIndex = 0
        for piece in chapter.document.pieces {
            guard case .block(let block) = piece else {
                if case .html(let prose) = piece { items.append(.prose(prose)) }
                continue
            }
            defer { blockIndex += 1 }
            if BlockRole(of: block) == .slot {
                place(slot: block, pending: pending, chapter: chapter, outcomes: outcomes)
                pending = []
                continue
            }
            let id = ids[blockIndex]
            let hidden = id.flatMap { catalog.cell($0) }?.attributes.hidden ?? false
            if !hidden { items.append(.code(block)) }
            if let id { pending.append(id) }
            // The output of a shown cell with no slot before the next cell comes right after it.
            if !hidden && !Self.slotComesFirst(after: blockIndex, blocks: blocks, ids: ids) {
                appendBlocks(for: pending, outcomes: outcomes, onlyIfWorthShowing: true)
                pending = []
            }
        }
        appendBlocks(for: pending, outcomes: outcomes, onlyIfWorthShowing: true)
    }

    /// Whether a slot comes before the next cell of an example after `index`.
    private static func slotComesFirst(after index: Int, blocks: [FencedBlock], ids: [ExampleCatalog.CellID?]) -> Bool {
        for next in blocks.indices.dropFirst(index + 1) {
            if BlockRole(of: blocks[next]) == .slot { return true }
            if ids[next] != nil { return false }
        }
        return false
    }

    private mutating func place(slot: FencedBlock, pending: [ExampleCatalog.CellID], chapter: Chapter, outcomes: [String: ExampleOutcome]) {
        var expected: ExpectedOutput?
        do {
            expected = try ExpectedOutput(slot: slot)
        } catch {
            report(slot, chapter, error.message)
        }
        if pending.isEmpty {
            report(slot, chapter, "this output block has no swift cell before it to take output from", severity: .warning)
            return
        }
        for block in Self.outputBlocks(for: pending, outcomes: outcomes) {
            var differs = false
            if let expected, block.hasRun, let diff = expected.mismatch(block.text, file: chapter.path) {
                differs = true
                report(slot, chapter, "the output differs from the expected output written here:\n\(diff)")
            }
            items.append(.output(block, differs: differs))
        }
    }

    private mutating func appendBlocks(for cells: [ExampleCatalog.CellID], outcomes: [String: ExampleOutcome], onlyIfWorthShowing: Bool) {
        for block in Self.outputBlocks(for: cells, outcomes: outcomes) where block.isWorthShowing || !onlyIfWorthShowing {
            items.append(.output(block, differs: false))
        }
    }

    /// One block per example among `cells` (cells of several examples can share a slot).
    static func outputBlocks(for cells: [ExampleCatalog.CellID], outcomes: [String: ExampleOutcome]) -> [OutputBlock] {
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

    private mutating func report(_ block: FencedBlock, _ chapter: Chapter, _ message: String, severity: Diagnostic.Severity = .error) {
        diagnostics.append(Diagnostic(
            file: chapter.path, line: block.position.line, column: block.position.column,
            severity: severity, message: message))
    }
}

extension OutputBlock {
    /// Whether the cells ran (whatever the end), so their output can be compared.
    var hasRun: Bool {
        switch status {
        case .ran, .failed, .failedAsExpected, .compileErrorAsExpected: true
        case .notRun, .compileError, .onlyCompiled: false
        }
    }
}
