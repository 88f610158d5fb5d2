/// A hidden check that compares a value with a number written in it, such as
/// `precondition(total <= 4_000_000, "no increment is counted twice")`: the value the check names
/// for a number the program prints. A page marks it on that number's strip of many runs.
///
/// Only a condition of the form `NAME OP NUMBER` (or `NUMBER OP NAME`) is read, where NAME is a
/// name or a chain of names (`total`, `counter.value`), OP one of `==`, `<=`, `>=`, `<`, `>`, and
/// NUMBER a literal (`4_000_000`, `-3`, `0.5`); anything else is no numeric check.
package struct NumericCheck: Hashable, Sendable {
    /// How the value must compare with ``value``.
    package enum Relation: String, Hashable, Sendable {
        case equal = "=="
        case atMost = "<="
        case atLeast = ">="
        case below = "<"
        case above = ">"

        /// The relation seen from the other side (`4 > x` is `x < 4`).
        var mirrored: Relation {
            switch self {
            case .equal: .equal
            case .atMost: .atLeast
            case .atLeast: .atMost
            case .below: .above
            case .above: .below
            }
        }

        /// How a page says it: "expected at most 4000000".
        package var words: String {
            switch self {
            case .equal: "expected"
            case .atMost: "expected at most"
            case .atLeast: "expected at least"
            case .below: "expected below"
            case .above: "expected above"
            }
        }
    }

    /// The compared name, as written (`total`).
    package var subject: String
    package var relation: Relation
    package var value: Double
    /// What the check says it checks (its message, or its condition).
    package var description: String

    init(subject: String, relation: Relation, value: Double, description: String) {
        self.subject = subject
        self.relation = relation
        self.value = value
        self.description = description
    }

    /// The numeric check that `call` is, if it is one.
    init?(_ call: CheckCall) {
        let nameFirst = /([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*) ?(==|<=|>=|<|>) ?(-?[0-9][0-9_]*(?:\.[0-9]+)?)/
        let numberFirst = /(-?[0-9][0-9_]*(?:\.[0-9]+)?) ?(==|<=|>=|<|>) ?([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)/
        let found: (subject: Substring, relation: Substring, number: Substring, mirrored: Bool)
        if let match = call.condition.wholeMatch(of: nameFirst) {
            found = (match.output.1, match.output.2, match.output.3, false)
        } else if let match = call.condition.wholeMatch(of: numberFirst) {
            found = (match.output.3, match.output.2, match.output.1, true)
        } else {
            return nil
        }
        guard let written = Relation(rawValue: String(found.relation)),
              let value = Double(found.number.filter { $0 != "_" }) else { return nil }
        self.init(subject: String(found.subject), relation: found.mirrored ? written.mirrored : written, value: value, description: call.description)
    }
}

extension Example {
    /// The numeric checks (``NumericCheck``) of the hidden cells among those at `indices`, in order.
    package func numericChecks(cells indices: [Int]) -> [NumericCheck] {
        indices.filter(cells.indices.contains).map { cells[$0] }.filter { $0.attributes.hidden }.flatMap { cell in
            CheckCall.calls(in: cell.code).compactMap(NumericCheck.init)
        }
    }
}
