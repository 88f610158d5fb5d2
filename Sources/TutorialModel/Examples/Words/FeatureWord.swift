/// `feature=NAME` (repeatable): the example is compiled with the upcoming language feature NAME.
struct FeatureWord: CellWord {
    static let name = "feature"
    static let footerFlags: (flags: String, caption: String)? = ("-enable-upcoming-feature NAME", "feature NAME")
    static let syntax = "feature=NAME"
    var feature: String

    static func parse(_ value: String?, word: String) throws(AttributeError) -> FeatureWord {
        guard let value, let first = value.first, first.isASCII && first.isLetter,
              value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw AttributeError("'\(word)': feature takes the name of an upcoming language feature, letters and digits, like feature=NonisolatedNonsendingByDefault")
        }
        return FeatureWord(feature: value)
    }

    /// The features of every cell, sorted, each once.
    static func features(_ uses: [CellWordUse<FeatureWord>]) -> [String] {
        Set(uses.map(\.word.feature)).sorted()
    }

    static func compileFlags(_ uses: [CellWordUse<FeatureWord>]) -> [String] {
        features(uses).flatMap { ["-enable-upcoming-feature", $0] }
    }

    static func captionNotes(_ uses: [CellWordUse<FeatureWord>]) -> [String] {
        features(uses).map { "feature \($0)" }
    }
}
