/// A problem found in the user's book, printed like a compiler diagnostic:
/// `chapters/02-multithreading.md:14:5: error: message`.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible, Codable {
    package enum Severity: String, Sendable, Codable {
        case error, warning, note
    }

    package var file: String
    package var line: Int?
    package var column: Int?
    package var severity: Severity
    package var message: String

    package init(file: String, line: Int? = nil, column: Int? = nil, severity: Severity = .error, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.severity = severity
        self.message = message
    }

    public var description: String {
        var location = file
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        return "\(location): \(severity.rawValue): \(message)"
    }
}

/// Diagnostics thrown as an error when the book cannot be built at all.
public struct DiagnosticsError: Error, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    package init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
