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
        while index < text.count {
            let character = text[index]
            if character == "\"" {
                guard let end = endOfString(text, from: index) else { return nil }
                arguments[arguments.count - 1] += String(text[index..<end])
                index = end
                continue
            }
            index += 1
            if "([{".contains(character) {
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

    /// The index after the string literal that opens at `start`, whose interpolations may hold
    /// strings of their own; nil when it does not close.
    static func endOfString(_ text: [Character], from start: Int) -> Int? {
        var index = start + 1
        while index < text.count {
            switch text[index] {
            case "\"":
                return index + 1
            case "\\" where index + 1 < text.count && text[index + 1] == "(":
                guard let end = endOfInterpolation(text, from: index + 2) else { return nil }
                index = end
            case "\\":
                index += 2
            default:
                index += 1
            }
        }
        return nil
    }

    /// The index after the `)` that closes an interpolation whose code starts at `start`.
    private static func endOfInterpolation(_ text: [Character], from start: Int) -> Int? {
        var depth = 0
        var index = start
        while index < text.count {
            switch text[index] {
            case "\"":
                guard let end = endOfString(text, from: index) else { return nil }
                index = end
                continue
            case "(": depth += 1
            case ")":
                if depth == 0 { return index + 1 }
                depth -= 1
            default: break
            }
            index += 1
        }
        return nil
    }

    private init(arguments: [String]) {
        let parts = arguments.map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        condition = parts.first ?? ""
        if parts.count > 1, let last = parts.last { message = Self.literalText(last) }
    }

    /// What a message argument reads as, when it is string literals joined by `+`: the literals'
    /// text, each interpolation shown as "…" (its value is not known before the program runs).
    static func literalText(_ argument: String) -> String? {
        let text = Array(argument)
        var result = ""
        var index = 0
        var expectLiteral = true
        while index < text.count {
            let character = text[index]
            if character == " " { index += 1; continue }
            if expectLiteral {
                guard character == "\"", let end = endOfString(text, from: index) else { return nil }
                result += readable(text[(index + 1)..<(end - 1)])
                index = end
            } else {
                guard character == "+" else { return nil }
                index += 1
            }
            expectLiteral.toggle()
        }
        return expectLiteral || result.isEmpty ? nil : result
    }

    /// A literal's body as it reads: `\"` is `"`, `\\` is `\`, an interpolation is "…".
    private static func readable(_ body: ArraySlice<Character>) -> String {
        let text = Array(body)
        var result = ""
        var index = 0
        while index < text.count {
            if text[index] == "\\", index + 1 < text.count {
                if text[index + 1] == "(", let end = endOfInterpolation(text, from: index + 2) {
                    result += "…"
                    index = end
                    continue
                }
                let next = text[index + 1]
                if next != "\"" && next != "\\" { result.append("\\") }
                result.append(next)
                index += 2
            } else {
                result.append(text[index])
                index += 1
            }
        }
        return result
    }
}
