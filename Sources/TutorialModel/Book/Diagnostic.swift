/// A problem found in the user's book, printed like a compiler diagnostic:
/// `chapters/02-multithreading.md:14:5: error: message`.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible, Codable {
    package enum Severity: String, Sendable, Codable {
        case error, warning, note
    }

    /// What kind of problem it is: code that groups or filters diagnostics decides by this,
    /// never by the message's text.
    package enum Category: String, Sendable, Codable {
        /// The book's files and folders: chapters, names, reading, the site's output.
        case book
        /// A fenced block or its cell words (`example=`, `timeout=`…).
        case cell
        /// A message of the Swift compiler.
        case compile
        /// An example that failed to run, crashed, or ran differently than its page says.
        case run
        /// An output block whose text differs from the program's output.
        case expectedOutput
        /// The local cache lacks what `--cached-only` needs.
        case cache
        /// ThreadSanitizer cannot run on this machine: said once per build.
        case sanitizerUnavailable
        /// The shared cache over HTTP.
        case remoteCache
        /// The theme's templates and files.
        case theme
    }

    package var file: String
    package var line: Int?
    package var column: Int?
    package var severity: Severity
    package var message: String
    package var category: Category

    package init(file: String, line: Int? = nil, column: Int? = nil, severity: Severity = .error, message: String, category: Category = .book) {
        self.file = file
        self.line = line
        self.column = column
        self.severity = severity
        self.message = message
        self.category = category
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
