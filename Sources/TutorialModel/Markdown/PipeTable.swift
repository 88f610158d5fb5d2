import Foundation

/// A GitHub-style pipe table, which CommonMark itself does not have: cmark parses one as a
/// paragraph, and `PipeTableFinder` asks this type whether the paragraph's lines form a table.
struct PipeTable: Equatable {
    typealias Alignment = MarkdownTable.Alignment

    var header: [String]
    var alignments: [Alignment]
    var rows: [[String]]

    /// Recognizes `lines` (the paragraph's source lines, without container prefixes) as a table:
    /// a header row, a delimiter row (`---`, `:--`, `:-:`, `--:`) with as many cells, then rows.
    package init?(lines: [Substring]) {
        // Most paragraphs are not tables: the delimiter row rules them out cheaply.
        guard lines.count >= 2, Self.mayBeDelimiterRow(lines[1].utf8) else { return nil }
        let header = Self.cells(lines[0])
        let delimiters = Self.cells(lines[1])
        guard lines[0].contains("|") || lines[1].contains("|"),
              !header.isEmpty, header.count == delimiters.count else { return nil }
        var alignments: [Alignment] = []
        for cell in delimiters {
            let dashes = cell.trimmingCharacters(in: CharacterSet(charactersIn: ":"))
            guard !dashes.isEmpty, dashes.allSatisfy({ $0 == "-" }) else { return nil }
            switch (cell.hasPrefix(":"), cell.hasSuffix(":")) {
            case (true, true): alignments.append(.center)
            case (true, false): alignments.append(.left)
            case (false, true): alignments.append(.right)
            case (false, false): alignments.append(.none)
            }
        }
        self.header = header
        self.alignments = alignments
        // Rows are cut or padded to the header's width, as GitHub does.
        self.rows = lines.dropFirst(2).map { line in
            let cells = Self.cells(line)
            return Array((cells + Array(repeating: "", count: max(0, header.count - cells.count))).prefix(header.count))
        }
    }

    /// Whether a line has a dash and nothing but pipes, dashes, colons and blanks: the cheap
    /// test that rules most paragraphs out.
    static func mayBeDelimiterRow(_ bytes: some Sequence<UInt8>) -> Bool {
        var hasDash = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "-"): hasDash = true
            case UInt8(ascii: "|"), UInt8(ascii: ":"), UInt8(ascii: " "), UInt8(ascii: "\t"): continue
            default: return false
            }
        }
        return hasDash
    }

    /// Splits a row at the pipes that are not escaped, dropping the outer ones.
    static func cells(_ line: Substring) -> [String] {
        var text = line.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("|") { text.removeFirst() }
        if text.hasSuffix("|") && !text.hasSuffix("\\|") { text.removeLast() }
        var cells: [String] = []
        var current = ""
        var escaped = false
        for character in text {
            if escaped {
                // `\|` is a literal pipe; other escapes are left for the inline renderer.
                current += character == "|" ? "|" : "\\\(character)"
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "|" {
                cells.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(character)
            }
        }
        if escaped { current += "\\" }
        cells.append(current.trimmingCharacters(in: .whitespaces))
        return cells
    }
}
