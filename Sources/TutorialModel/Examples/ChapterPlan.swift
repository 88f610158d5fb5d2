/// Where a chapter's output goes, before anything runs: its prose and shown code in order, and
/// the places that take the output of cells (a slot the author wrote, or right after a shown
/// cell that has no slot before the next cell), with the problems found in the slots. The check
/// stage compares output with the slots' expectations; rendering fills the places.
package struct ChapterPlan: Sendable {
    package enum Item: Sendable {
        case prose(String)
        /// A shown code block, and the cell it is when it belongs to an example.
        case code(FencedBlock, cell: ExampleCatalog.CellID?)
        case output(Placement)

        /// The example whose cell or output this is (the first one, for a place fed by several).
        package var example: String? {
            switch self {
            case .prose: nil
            case .code(_, let cell): cell?.example
            case .output(let placement): placement.cells.first?.example
            }
        }
    }

    /// A place that takes the output of `cells` (of one or several examples).
    package struct Placement: Sendable {
        package var cells: [ExampleCatalog.CellID]
        /// The slot the author wrote, or nil for output placed after its cell, which is shown
        /// only when there is something to show.
        package var slot: FencedBlock?
        /// The output the slot says the cells must print, if it says.
        package var expected: ExpectedOutput?

        package init(cells: [ExampleCatalog.CellID], slot: FencedBlock? = nil, expected: ExpectedOutput? = nil) {
            self.cells = cells
            self.slot = slot
            self.expected = expected
        }

        /// The examples whose cells feed the place, each with its cells, in order of appearance.
        package var cellsByExample: [(example: String, cells: [Int])] {
            var order: [String] = []
            var byExample: [String: [Int]] = [:]
            for cell in cells {
                if byExample[cell.example] == nil { order.append(cell.example) }
                byExample[cell.example, default: []].append(cell.index)
            }
            return order.map { ($0, byExample[$0] ?? []) }
        }
    }

    package let chapter: Chapter
    package private(set) var items: [Item] = []
    package private(set) var diagnostics: [Diagnostic] = []

    package init(chapter: Chapter, catalog: ExampleCatalog) {
        self.chapter = chapter
        let blocks = chapter.document.blocks
        let ids = blocks.indices.map { catalog.cell(chapter: chapter, blockIndex: $0) }
        let hiddenAt = ids.map { id in id.flatMap { catalog.cell($0) }?.attributes.hidden ?? false }
        var pending: [ExampleCatalog.CellID] = []
        var blockIndex = 0
        for piece in chapter.document.pieces {
            guard case .block(let block) = piece else {
                if case .html(let prose) = piece { items.append(.prose(prose)) }
                continue
            }
            defer { blockIndex += 1 }
            if BlockRole(of: block) == .slot {
                place(slot: block, pending: pending)
                pending = []
                continue
            }
            let id = ids[blockIndex]
            let hidden = hiddenAt[blockIndex]
            if !hidden { items.append(.code(block, cell: id)) }
            if let id { pending.append(id) }
            // The output of a shown cell with no slot before the next cell comes right after it.
            if !hidden && !Self.slotComesFirst(after: blockIndex, blocks: blocks, ids: ids, hidden: hiddenAt) && !pending.isEmpty {
                items.append(.output(Placement(cells: pending)))
                pending = []
            }
        }
        if !pending.isEmpty { items.append(.output(Placement(cells: pending))) }
        placeSolutionChecks(catalog: catalog)
    }

    /// A solution runs with copies of its exercise's checks, which no block of the chapter is:
    /// their output (what the checks print) goes to the last place of the solution's own cells.
    private mutating func placeSolutionChecks(catalog: ExampleCatalog) {
        var placed: [String: Set<Int>] = [:]
        var lastPlace: [String: Int] = [:]
        for (position, item) in items.enumerated() {
            guard case .output(let placement) = item else { continue }
            for cell in placement.cells {
                placed[cell.example, default: []].insert(cell.index)
                lastPlace[cell.example] = position
            }
        }
        for (name, position) in lastPlace {
            guard let example = catalog.example(named: name), example.solvedExercise != nil,
                  case .output(var placement) = items[position] else { continue }
            let unplaced = example.cells.indices.filter { !(placed[name]?.contains($0) ?? false) }
            guard !unplaced.isEmpty else { continue }
            placement.cells += unplaced.map { ExampleCatalog.CellID(example: name, index: $0) }
            items[position] = .output(placement)
        }
    }

    /// Every place that takes output.
    package var placements: [Placement] {
        items.compactMap { if case .output(let placement) = $0 { placement } else { nil } }
    }

    /// Whether a slot comes before the next shown cell of an example after `index`: hidden cells
    /// in between (a check after the cell it checks) feed the same slot.
    private static func slotComesFirst(after index: Int, blocks: [FencedBlock], ids: [ExampleCatalog.CellID?], hidden: [Bool]) -> Bool {
        for next in blocks.indices.dropFirst(index + 1) {
            if BlockRole(of: blocks[next]) == .slot { return true }
            if ids[next] != nil && !hidden[next] { return false }
        }
        return false
    }

    private mutating func place(slot: FencedBlock, pending: [ExampleCatalog.CellID]) {
        var expected: ExpectedOutput?
        do {
            expected = try ExpectedOutput(slot: slot)
        } catch {
            report(slot, error.message)
        }
        if pending.isEmpty {
            report(slot, "this output block has no swift cell before it to take output from", severity: .warning)
            return
        }
        items.append(.output(Placement(cells: pending, slot: slot, expected: expected)))
    }

    private mutating func report(_ block: FencedBlock, _ message: String, severity: Diagnostic.Severity = .error) {
        diagnostics.append(Diagnostic(
            file: chapter.path, line: block.position.line, column: block.position.column,
            severity: severity, message: message, category: .cell))
    }
}

extension ChapterPlan {
    /// The plan with no expected output in its slots: a learner's run is shown, never compared.
    package func withoutExpectedOutput() -> ChapterPlan {
        var plan = self
        plan.items = items.map { item in
            guard case .output(var placement) = item else { return item }
            placement.expected = nil
            return .output(placement)
        }
        return plan
    }
}
