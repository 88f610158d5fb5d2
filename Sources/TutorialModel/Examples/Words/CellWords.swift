/// The words of one cell, parsed, in the order written.
struct CellWords: Hashable, Sendable {
    private var items: [Item] = []

    /// A parsed word of any type, compared and hashed by type and value.
    private struct Item: Hashable, Sendable {
        var word: any CellWord

        static func == (lhs: Item, rhs: Item) -> Bool { lhs.word.isEqual(to: rhs.word) }

        func hash(into hasher: inout Hasher) {
            hasher.combine(ObjectIdentifier(type(of: word)))
            hasher.combine(word)
        }
    }

    init() {}

    mutating func append(_ word: any CellWord) {
        items.append(Item(word: word))
    }

    /// Every use of the word `type`, in order.
    func all<Word: CellWord>(_ type: Word.Type) -> [Word] {
        items.compactMap { $0.word as? Word }
    }

    /// The last use of the word `type`, if any (a word said twice takes its last value).
    func last<Word: CellWord>(_ type: Word.Type) -> Word? {
        all(type).last
    }

    /// Takes every use of the word `type` away.
    mutating func remove<Word: CellWord>(_ type: Word.Type) {
        items.removeAll { $0.word is Word }
    }

    /// Whether the cell says the word `type`.
    func has<Word: CellWord>(_ type: Word.Type) -> Bool {
        items.contains { $0.word is Word }
    }

    /// The types of the words said, each once, in the order first said.
    var types: [any CellWord.Type] {
        var seen: [ObjectIdentifier] = []
        var types: [any CellWord.Type] = []
        for item in items where !seen.contains(ObjectIdentifier(type(of: item.word))) {
            seen.append(ObjectIdentifier(type(of: item.word)))
            types.append(type(of: item.word))
        }
        return types
    }

    var isEmpty: Bool { items.isEmpty }

    /// The words that decide how the program is compiled (isolation, features, optimization,
    /// ThreadSanitizer), which an exercise's solution takes from its starter code.
    var compileSettings: [any CellWord] {
        items.map(\.word).filter { $0 is DefaultIsolationWord || $0 is FeatureWord || $0 is OptimizeWord || $0 is TsanWord }
    }
}
