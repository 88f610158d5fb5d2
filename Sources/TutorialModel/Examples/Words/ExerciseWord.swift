/// `exercise=NAME`: the cell is the starter code of the exercise NAME, which the learner
/// completes; with `hidden`, one of the exercise's checks, which decide whether it passes. The
/// starter and the checks form the example NAME, which must fail (the build makes sure the
/// exercise cannot be passed as given).
struct ExerciseWord: CellWord {
    static let name = "exercise"
    static let syntax = "exercise=NAME"
    var exercise: String

    static func parse(_ value: String?, word: String) throws(AttributeError) -> ExerciseWord {
        ExerciseWord(exercise: try ExampleWord.parse(value, word: word).example)
    }
}

/// `solution=NAME`: the cell is the author's solution of the exercise NAME. It runs with the
/// exercise's checks as the example `NAME:solution`, which must pass them all; the page shows it
/// collapsed.
struct SolutionWord: CellWord {
    static let name = "solution"
    static let syntax = "solution=NAME"
    var exercise: String

    static func parse(_ value: String?, word: String) throws(AttributeError) -> SolutionWord {
        SolutionWord(exercise: try ExampleWord.parse(value, word: word).example)
    }
}
