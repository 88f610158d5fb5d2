import TutorialSupport
/// Output written by the author in an `output` block, which the real output must match.
package struct ExpectedOutput: Hashable, Sendable {
    /// The lines, trailing whitespace and trailing empty lines removed.
    var lines: [String]
    /// `output unordered`: the same lines in any order.
    var unordered: Bool
    /// Whether the lines may come in any order (`output unordered`).
    package var isUnordered: Bool { unordered }
    /// Where the block is, for the diagnostic.
    var block: FencedBlock

    /// The expectation of a slot, nil for an empty one; throws for unknown words.
    package init?(slot block: FencedBlock) throws(AttributeError) {
        let words = block.language == "output" ? block.attributes : []
        guard words.allSatisfy({ $0 == "unordered" }) else {
            throw AttributeError("unknown word in an output block: '\(words.first { $0 != "unordered" }!)'; the known word is: unordered")
        }
        let lines = Self.normalized(block.body)
        guard !lines.isEmpty else { return nil }
        self.lines = lines
        self.unordered = words.contains("unordered")
        self.block = block
    }

    /// Lines without trailing whitespace, and without empty lines at the end.
    static func normalized(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            String(line.reversed().drop { $0.isWhitespace }.reversed())
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }

    /// Whether `text` matches; on a mismatch, a unified diff from the expected to the actual.
    package func mismatch(_ text: String, file: String) -> String? {
        var actual = Self.normalized(text)
        var expected = lines
        if unordered {
            actual.sort()
            expected.sort()
        }
        guard actual != expected else { return nil }
        let limit = 2_000
        let note = unordered ? " (lines sorted: 'output unordered' compares them in any order)" : ""
        return UnifiedDiff.make(
            expected: Array(expected.prefix(limit)), actual: Array(actual.prefix(limit)),
            expectedName: "expected (\(file):\(block.position.line))\(note)", actualName: "actual output")
    }
}
