/// `default_isolation=MainActor|nonisolated` (SE-0466): the isolation of code that names none,
/// from the first cell that says it.
struct DefaultIsolationWord: CellWord {
    static let name = "default_isolation"
    static let syntax = "default_isolation=MainActor|nonisolated"
    /// The isolations accepted, as `swiftc -default-isolation` spells them.
    static let isolations = ["MainActor", "nonisolated"]
    var isolation: String

    static func parse(_ value: String?, word: String) throws(AttributeError) -> DefaultIsolationWord {
        guard let value, isolations.contains(value) else {
            throw AttributeError("'\(word)': default_isolation takes MainActor or nonisolated, like default_isolation=MainActor")
        }
        return DefaultIsolationWord(isolation: value)
    }

    /// The first cell's that says it (its last, if it says it twice).
    static func isolation(_ uses: [CellWordUse<DefaultIsolationWord>]) -> String? {
        guard let cell = uses.first?.cell else { return nil }
        return uses.last { $0.cell == cell }?.word.isolation
    }

    static func compileFlags(_ uses: [CellWordUse<DefaultIsolationWord>]) -> [String] {
        isolation(uses).map { ["-default-isolation", $0] } ?? []
    }

    static func captionNotes(_ uses: [CellWordUse<DefaultIsolationWord>]) -> [String] {
        isolation(uses).map { ["default isolation \($0)"] } ?? []
    }
}
