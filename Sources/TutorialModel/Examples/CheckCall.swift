/// A `precondition`, `assert` or `#expect` call of a cell, read from its code: its condition and its message,
/// over as many lines as the call spans.
package struct CheckCall: Hashable, Sendable {
    /// The condition, its whitespace collapsed (`total <= 4_000_000`).
    package var condition: String
    /// The message, when the last argument is a string literal, its escapes read.
    package var message: String?

    /// What the check says it checks: its message, or else its condition.
    package var description: String { message ?? condition }

    /// Every call of `code` that starts a line, in order.
    package static func calls(in code: String) -> [CheckCall] {
        let text = Array(code)
        var calls: [CheckCall] = []
        var lineStart = 0
        while lineStart < text.count {
            var start = lineStart
            while start < text.count, text[start] == " " || text[start] == "\t" { start += 1 }
            let lineEnd = text[lineStart...].firstIndex(of: "\n") ?? text.count
            if let name = ["precondition(", "assert(", "#expect("].first(where: { text[start...].starts(with: $0) }),
               let call = call(text, arguments: start + name.count) {
                calls.append(call)
            }
            lineStart = lineEnd + 1
        }
        return calls
    }

    /// The call whose arguments start at `start`, up to its closing parenthesis; nil when it
    /// does not close.
    private static func call(_ text: [Character], arguments start: Int) -> CheckCall? {
        var arguments: [String] = [""]
        var depth = 0
        var index = start
        var inString = false
        while index < text.count {
            let character = text[index]
            index += 1
            if inString {
                if character == "\\", index < text.count {
                    arguments[arguments.count - 1] += String([character, text[index]])
                    index += 1
                    continue
                }
                if character == "\"" { inString = false }
            } else if character == "\"" {
                inString = true
            } else if "([{".contains(character) {
                depth += 1
            } else if ")]}".contains(character) {
                if depth == 0 { return CheckCall(arguments: arguments) }
                depth -= 1
            } else if character == ",", depth == 0 {
                arguments.append("")
                continue
            }
            arguments[arguments.count - 1].append(character)
        }
        return nil
    }

    private init(arguments: [String]) {
        let parts = arguments.map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        condition = parts.first ?? ""
        if parts.count > 1, let last = parts.last, last.count >= 2, last.hasPrefix("\""), last.hasSuffix("\"") {
            message = Self.unescaped(last.dropFirst().dropLast())
        }
    }

    /// A string literal's text as it reads: `\"` is `"`, `\\` is `\`; interpolations stay as written.
    static func unescaped(_ literal: Substring) -> String {
        var text = ""
        var escaped = false
        for character in literal {
            if escaped {
                if character != "\"" && character != "\\" { text.append("\\") }
                text.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                text.append(character)
            }
        }
        return text
    }
}
