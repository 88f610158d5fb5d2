import SwiftParser
import SwiftSyntax

/// Takes the author's checks out of a hidden cell for a learner's run: every top-level statement
/// that calls `precondition`, `assert`, `fatalError` and their kin (or `exit`) anywhere inside
/// it, and declares nothing, becomes blank lines (so the lines after it keep their numbers).
/// Declarations stay, whatever they hold: later cells may use them.
enum CheckStripper {
    /// The calls that make a statement a check.
    static let checks: Set<String> = [
        "precondition", "preconditionFailure", "assert", "assertionFailure", "fatalError", "exit",
    ]

    static func strip(_ code: String) -> String {
        let file = Parser.parse(source: code)
        var kept = ""
        for item in file.statements {
            let text = item.description
            if item.item.is(DeclSyntax.self) || !callsACheck(item) {
                kept += text
            } else {
                // The leading trivia (comments, line breaks) stays; the statement's lines go blank.
                let leading = item.leadingTrivia.description
                kept += leading + String(repeating: "\n", count: text.dropFirst(leading.count).filter { $0 == "\n" }.count)
            }
        }
        return kept + file.endOfFileToken.description
    }

    private static func callsACheck(_ node: some SyntaxProtocol) -> Bool {
        node.tokens(viewMode: .sourceAccurate).contains { token in
            guard case .identifier(let name) = token.tokenKind, checks.contains(name) else { return false }
            return token.nextToken(viewMode: .sourceAccurate)?.tokenKind == .leftParen
        }
    }
}
