/// The partials a Mustache template names (`{{> name}}`), with where each is written.
enum TemplatePartials {
    struct Reference: Equatable {
        var name: String
        var line: Int
        var column: Int
    }

    /// Every `{{> name}}` and `{{< name}}` (a parent template) in `text`, 1-based positions.
    /// Tags with other delimiters (`{{=<% %>=}}`) are not followed: the built-in theme uses none.
    static func references(in text: String) -> [Reference] {
        var found: [Reference] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            for match in line.matches(of: /\{\{\s*[><]\s*([^\s{}]+)\s*\}\}/) {
                let column = line.distance(from: line.startIndex, to: match.range.lowerBound) + 1
                found.append(Reference(name: String(match.output.1), line: index + 1, column: column))
            }
        }
        return found
    }
}
