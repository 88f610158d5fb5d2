/// One word of a cell's info string (`runs=N`, `tsan`, `stdin=TEXT`…), as one type: how it is
/// parsed, and everything it changes — the example's compile flags, how its program runs, what
/// its caption says and what its cells' output blocks show. Every word is listed once, in
/// ``CellWordRegistry/all``, from which parsing, the vocabulary, the flags, the run settings, the
/// caption's notes and the words' output views are derived; the default implementations do nothing.
///
/// A word is written per cell; what it does is decided for the whole example, from every use of
/// it in the example's cells (`uses`, in cell order), since the cells make one program.
package protocol CellWord: Hashable, Sendable {
    /// The word's name, before any `=` (`runs`).
    static var name: String { get }
    /// How the word is written, as the error for an unknown word lists it (`runs=N`).
    static var syntax: String { get }
    /// Whether the word makes sense only for a cell that runs: a `compile_fail` cell refuses it.
    static var needsRun: Bool { get }

    /// The word parsed from its value: what follows `=`, or nil for a bare word. `word` is the
    /// word as written, for the message of the error thrown when the value is refused.
    static func parse(_ value: String?, word: String) throws(AttributeError) -> Self

    /// The flags the example is compiled with for this word; they are part of its cache key.
    static func compileFlags(_ uses: [CellWordUse<Self>]) -> [String]
    /// Changes how the example's program runs (its standard input, environment, time limits).
    /// Whatever changes it makes come from the cells' words, which are part of the cache key.
    static func configure(_ settings: inout RunSettings, uses: [CellWordUse<Self>])
    /// Short notes for the caption of the example's output blocks ("optimized (-O)").
    static func captionNotes(_ uses: [CellWordUse<Self>]) -> [String]
    /// Whether the word shows a ``panel(_:)`` in its cells' output blocks: the renderer gives
    /// it an output view of its own, named after the word.
    static var showsPanel: Bool { get }
    /// What the output block of some cells shows for the word's `uses` in them; nil for nothing.
    static func panel(_ uses: [CellWordUse<Self>]) -> CellWordPanel?
    /// The flags the word adds, as the pages' footer names them for readers (`-O`), with what an
    /// example's caption then says (`optimized`); nil for a word that adds none.
    static var footerFlags: (flags: String, caption: String)? { get }
    /// The analysis: what the word finds wrong in the runs of `example` (`runs=N`), each an
    /// error at a cell. Called only when the example ran more than once.
    static func findings(_ uses: [CellWordUse<Self>], example: Example, runs: RunsEvidence) -> [CellWordFinding]
}

/// A labelled text an output block shows for a word (`stdin` and the text fed to the program).
/// The renderer escapes both.
package struct CellWordPanel: Hashable, Sendable {
    package var label: String
    package var text: String

    package init(label: String, text: String) {
        self.label = label
        self.text = text
    }
}

/// One use of a word: the word, and the index of the cell that says it.
package struct CellWordUse<Word: CellWord>: Sendable {
    package var cell: Int
    package var word: Word
}

extension CellWord {
    package static var needsRun: Bool { false }
    package static func compileFlags(_ uses: [CellWordUse<Self>]) -> [String] { [] }
    package static func configure(_ settings: inout RunSettings, uses: [CellWordUse<Self>]) {}
    package static func captionNotes(_ uses: [CellWordUse<Self>]) -> [String] { [] }
    package static var showsPanel: Bool { false }
    package static func panel(_ uses: [CellWordUse<Self>]) -> CellWordPanel? { nil }
    package static func findings(_ uses: [CellWordUse<Self>], example: Example, runs: RunsEvidence) -> [CellWordFinding] { [] }
    package static var footerFlags: (flags: String, caption: String)? { nil }

    /// Refuses a value for a bare word, or its absence for a word that takes one.
    static func bare(_ value: String?, word: String) throws(AttributeError) {
        guard value == nil else { throw AttributeError("'\(word)': \(name) takes no value") }
    }

    static func required(_ value: String?, word: String) throws(AttributeError) -> String {
        guard let value else { throw AttributeError("'\(word)': \(name) takes a value, like \(syntax)") }
        return value
    }

    /// The uses of this word in `example`'s cells, in order.
    package static func uses(in example: Example) -> [CellWordUse<Self>] {
        example.cells.flatMap { cell in cell.attributes.words.all(Self.self).map { CellWordUse(cell: cell.index, word: $0) } }
    }

    /// The uses of this word in the cells at `indices`.
    package static func uses(in example: Example, cells indices: [Int]) -> [CellWordUse<Self>] {
        uses(in: example).filter { indices.contains($0.cell) }
    }

    /// Whether `other` is this very word.
    func isEqual(to other: any CellWord) -> Bool {
        (other as? Self) == self
    }
}
