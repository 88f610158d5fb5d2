/// The examples a book registers, and which example cell each fenced block of a chapter is.
public struct ExampleCatalog: Sendable {
    /// Identifies one cell: its example and its index there.
    public struct CellID: Hashable, Sendable {
        public var example: String
        public var index: Int
    }

    public private(set) var examples: [Example] = []
    /// For each chapter (by slug), the cell of every block that is a cell, by block position.
    private var cellsByBlock: [String: [Int: CellID]] = [:]

    public init(book: Book) {
        for chapter in book.chapters {
            var cells: [Cell] = []
            var byBlock: [Int: CellID] = [:]
            for (blockIndex, block) in chapter.document.blocks.enumerated() where BlockRole(of: block) == .cell {
                byBlock[blockIndex] = CellID(example: chapter.slug, index: cells.count)
                cells.append(Cell(file: chapter.path, block: block, index: cells.count))
            }
            guard !cells.isEmpty else { continue }
            examples.append(Example(name: chapter.slug, file: chapter.path, cells: cells))
            cellsByBlock[chapter.slug] = byBlock
        }
    }

    /// The example called `name`, if one is registered.
    public func example(named name: String) -> Example? {
        examples.first { $0.name == name }
    }

    /// The cell that the `blockIndex`-th taken-over block of `chapter` is, if it is a cell.
    public func cell(chapter: Chapter, blockIndex: Int) -> CellID? {
        cellsByBlock[chapter.slug]?[blockIndex]
    }

    /// Known names close to `name`, closest first, for "did you mean" messages.
    public func suggestions(for name: String, limit: Int = 3) -> [String] {
        let scored = examples.map { ($0.name, EditDistance.between($0.name, name)) }
        let threshold = max(3, name.count / 2)
        return scored
            .filter { $0.1 <= threshold || $0.0.contains(name) || name.contains($0.0) }
            .sorted { ($0.1, $0.0) < ($1.1, $1.0) }
            .prefix(limit)
            .map(\.0)
    }
}

/// Levenshtein distance, for suggestions.
enum EditDistance {
    static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            previous = current
        }
        return previous[b.count]
    }
}
