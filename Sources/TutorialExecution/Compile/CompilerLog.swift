import Foundation
import TutorialModel

/// The compiler's output cut into messages, each tied to the cell it points into.
package struct CompilerLog: Sendable {
    /// One diagnostic and the lines that follow it (the quoted source and the caret).
    package struct Entry: Hashable, Sendable {
        package var diagnostic: Diagnostic
        package var text: String
        /// The cell the message points into, if any.
        package var cell: Int?
    }

    package var entries: [Entry] = []
    /// Lines before the first diagnostic (linker messages and the like).
    package var preamble: String = ""

    /// Parses `log`, relating messages to the cells of `example`. Columns are moved right by the
    /// cell's indentation (cells in lists), and the cache folder is cut from paths.
    package init(_ log: String, example: Example, directory: String) {
        let log = log.replacingOccurrences(of: "\(directory)/", with: "")
        for line in log.split(separator: "\n", omittingEmptySubsequences: false) {
            if var diagnostic = Self.parseHeader(line) {
                var header = String(line)
                // The program names the chapter by its path in the book: messages name it as the user does.
                if let named = example.cells.first(where: { $0.sourceName == diagnostic.file }) {
                    diagnostic.file = named.file
                    header = diagnostic.description
                }
                let cell = example.cells.last { cell in
                    cell.file == diagnostic.file && diagnostic.line.map { $0 >= cell.codeLine && $0 < cell.codeLine + max(cell.lineCount, 1) } == true
                }
                if let cell, cell.codeIndent > 0, let column = diagnostic.column {
                    diagnostic.column = column + cell.codeIndent
                    header = diagnostic.description
                }
                // A note belongs with the message before it.
                let owner = diagnostic.severity == .note ? entries.last?.cell : nil
                entries.append(Entry(diagnostic: diagnostic, text: header + "\n", cell: cell?.index ?? owner))
            } else if !entries.isEmpty {
                entries[entries.count - 1].text += line + "\n"
            } else if !line.isEmpty {
                preamble += line + "\n"
            }
        }
        for index in entries.indices {
            while entries[index].text.hasSuffix("\n\n") { entries[index].text.removeLast() }
        }
    }

    package var errors: [Entry] { entries.filter { $0.diagnostic.severity == .error } }

    /// `file:line:column: severity: message`, as swiftc prints it.
    static func parseHeader(_ line: Substring) -> Diagnostic? {
        for severity in [Diagnostic.Severity.error, .warning, .note] {
            guard let marker = line.range(of: ": \(severity.rawValue): ") else { continue }
            let location = line[..<marker.lowerBound].split(separator: ":", omittingEmptySubsequences: false)
            guard location.count >= 3,
                  let lineNumber = Int(location[location.count - 2]),
                  let column = Int(location[location.count - 1]) else { continue }
            let file = location.dropLast(2).joined(separator: ":")
            return Diagnostic(file: file, line: lineNumber, column: column, severity: severity,
                              message: String(line[marker.upperBound...]), category: .compile)
        }
        return nil
    }
}

