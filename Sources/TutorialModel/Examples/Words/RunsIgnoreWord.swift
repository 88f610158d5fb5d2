import Foundation

/// `runs_ignore=REGEX`: text matching REGEX is masked before the runs of `runs=N` are compared.
struct RunsIgnoreWord: CellWord {
    static let name = "runs_ignore"
    static let syntax = "runs_ignore=REGEX"
    var pattern: String

    static func parse(_ value: String?, word: String) throws(AttributeError) -> RunsIgnoreWord {
        guard let value, !value.isEmpty, (try? NSRegularExpression(pattern: value)) != nil else {
            throw AttributeError("'\(word)': runs_ignore takes a regular expression, like runs_ignore=[0-9.]+ms")
        }
        return RunsIgnoreWord(pattern: value)
    }
}
