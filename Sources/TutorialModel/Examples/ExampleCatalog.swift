/// The examples a book registers, which example cell each fenced block of a chapter is, and the
/// problems found in the cells' info strings.
public struct ExampleCatalog: Sendable {
    /// Identifies one cell: its example and its index there.
    package struct CellID: Hashable, Sendable {
        package var example: String
        package var index: Int
    }

    public private(set) var examples: [Example] = []
    /// Problems with cells: unknown words, unterminated fences, names used twice.
    public private(set) var diagnostics: [Diagnostic] = []
    /// For each chapter (by slug), the cell of every block that is a cell, by block position.
    private var cellsByBlock: [String: [Int: CellID]] = [:]
    /// Each example's position in ``examples``, by name: a look-up per cell must not scan them all.
    private var indexByName: [String: Int] = [:]

    package init(book: Book) {
        let slugs = Set(book.chapters.map(\.slug))
        for chapter in book.chapters {
            var byBlock: [Int: CellID] = [:]
            for (blockIndex, block) in chapter.document.blocks.enumerated() where BlockRole(of: block) == .cell {
                guard let attributes = attributes(of: block, in: chapter) else { continue }
                if attributes.mode == .ignore { continue }
                let name = Self.exampleName(attributes, block: block, chapter: chapter)
                if let example = attributes.example, example != chapter.slug, slugs.contains(example) {
                    report(block, in: chapter, "example=\(example) takes the name of the chapter '\(example)': choose another name")
                    continue
                }
                let index: Int
                if let existing = indexByName[name] {
                    guard examples[existing].file == chapter.path else {
                        report(block, in: chapter, "two examples are named '\(name)': this one and one in \(examples[existing].file)")
                        continue
                    }
                    index = existing
                } else {
                    index = examples.count
                    indexByName[name] = index
                    examples.append(Example(name: name, file: chapter.path, cells: []))
                }
                let cell = Cell(file: chapter.path, block: block, index: examples[index].cells.count, attributes: attributes)
                examples[index].cells.append(cell)
                byBlock[blockIndex] = CellID(example: name, index: cell.index)
            }
            cellsByBlock[chapter.slug] = byBlock
        }
        joinExercises()
        for index in examples.indices {
            setExpectation(of: index)
            refuseSecondTestCell(in: index)
        }
    }

    /// The example called `name`, if one is registered.
    public func example(named name: String) -> Example? {
        indexByName[name].map { examples[$0] }
    }

    /// The cell that the `blockIndex`-th taken-over block of `chapter` is, if it belongs to an
    /// example (`ignore` cells and refused ones do not).
    func cell(chapter: Chapter, blockIndex: Int) -> CellID? {
        cellsByBlock[chapter.slug]?[blockIndex]
    }

    /// The cell itself, from its identifier.
    func cell(_ id: CellID) -> Cell? {
        example(named: id.example).flatMap { $0.cells.indices.contains(id.index) ? $0.cells[id.index] : nil }
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

    private mutating func attributes(of block: FencedBlock, in chapter: Chapter) -> CellAttributes? {
        guard block.isClosed else {
            report(block, in: chapter, "this code fence is never closed: it runs to line \(block.endLine); add a closing \(String(repeating: block.fence, count: 3))")
            return nil
        }
        do {
            return try CellAttributes(words: block.attributes)
        } catch {
            report(block, in: chapter, error.message)
            return nil
        }
    }

    /// The chapter's slug; `example=NAME`; an exercise's NAME (its starter and checks) or
    /// `NAME:solution`; or, for a failing cell on its own, `slug:LINE`.
    private static func exampleName(_ attributes: CellAttributes, block: FencedBlock, chapter: Chapter) -> String {
        if let name = attributes.example ?? attributes.exercise { return name }
        if let name = attributes.solution { return Example.solutionName(of: name) }
        switch attributes.mode {
        case .compileFail, .shouldFail: return "\(chapter.slug):\(block.position.line)"
        default: return chapter.slug
        }
    }

    /// Gives each solution the checks of its exercise (after its own cells), and reports an
    /// exercise without starter code, checks or solution, and a solution without an exercise.
    private mutating func joinExercises() {
        for index in examples.indices {
            let example = examples[index]
            if let exercise = example.cells.first?.attributes.solution {
                guard let starter = indexByName[exercise], examples[starter].isExercise else {
                    report(example.cells[0], "no exercise is named '\(exercise)': a solution follows the exercise's starter code (swift exercise=\(exercise))")
                    continue
                }
                for check in examples[starter].cells where check.attributes.hidden {
                    var copy = check
                    copy.index = examples[index].cells.count
                    examples[index].cells.append(copy)
                }
                // The solution is compiled as the starter code is: every feature the starter's
                // cells name, and each other setting of a kind the solution does not say itself.
                let own = examples[index].cells.flatMap { $0.attributes.words.compileSettings }
                for word in examples[starter].cells.filter({ !$0.attributes.hidden }).flatMap(\.attributes.words.compileSettings)
                where !own.contains(where: { word is FeatureWord ? $0.isEqual(to: word) : type(of: $0) == type(of: word) }) {
                    examples[index].cells[0].attributes.words.append(word)
                }
            } else if example.isExercise {
                let name = example.name
                if !example.cells.contains(where: { !$0.attributes.hidden }) {
                    report(example.cells[0], "the exercise '\(name)' has no starter code: add a cell 'swift exercise=\(name)' that the learner completes")
                } else if !example.cells.contains(where: \.attributes.hidden) {
                    report(example.cells[0], "the exercise '\(name)' has no checks: add hidden cells 'swift exercise=\(name) hidden' that decide whether it passes")
                } else if indexByName[Example.solutionName(of: name)] == nil {
                    report(example.cells[0], "the exercise '\(name)' has no solution: add a cell 'swift solution=\(name)' after it")
                }
            }
        }
    }

    private mutating func report(_ cell: Cell, _ message: String) {
        diagnostics.append(Diagnostic(
            file: cell.file, line: cell.block.position.line, column: cell.block.position.column, message: message, category: .cell))
    }

    private mutating func setExpectation(of index: Int) {
        let modes = Set(examples[index].cells.map(\.attributes.mode))
        if modes.contains(.compileFail) && modes.contains(.shouldFail) {
            let cell = examples[index].cells.first { $0.attributes.mode == .shouldFail }!
            diagnostics.append(Diagnostic(
                file: cell.file, line: cell.block.position.line, column: cell.block.position.column,
                message: "the example '\(examples[index].name)' has both compile_fail and should_fail cells: it cannot both fail to compile and run",
                category: .cell))
        }
        if modes.contains(.compileFail) {
            examples[index].expectation = .failToCompile
        } else if modes.contains(.shouldFail) || examples[index].isExercise {
            // An exercise as given must fail its checks: it cannot be passed without the learner.
            examples[index].expectation = .failToRun
        }
    }

    /// An example's tests run once, after its one `test` cell: a second one would run them all again.
    private mutating func refuseSecondTestCell(in index: Int) {
        let cells = examples[index].cells.filter { !$0.attributes.words.all(TestWord.self).isEmpty }
        guard cells.count > 1 else { return }
        let name = examples[index].name
        report(cells[1], "the tests of the example '\(name)' already run after its test cell at line \(cells[0].block.position.line), every one of them: give these tests an example=NAME of their own")
    }

    private mutating func report(_ block: FencedBlock, in chapter: Chapter, _ message: String) {
        diagnostics.append(Diagnostic(
            file: chapter.path, line: block.position.line, column: block.position.column, message: message, category: .cell))
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
