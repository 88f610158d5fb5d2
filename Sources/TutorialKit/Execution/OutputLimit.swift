/// Caps the output kept per cell: the first and the last lines are kept, and the number of
/// lines dropped between them is counted, so memory stays bounded whatever a program prints.
public struct OutputLimit: Hashable, Sendable {
    /// Lines kept from the start of a cell's output.
    public var head: Int
    /// Lines kept from the end of a cell's output.
    public var tail: Int
    /// Longest line kept, in UTF-8 bytes; longer lines are cut.
    public var lineBytes: Int

    /// 10,000 lines of at most 16 KB: a block holds at most about 1 MB in practice.
    public static let standard = OutputLimit(head: 5_000, tail: 5_000, lineBytes: 16_384)

    public init(head: Int, tail: Int, lineBytes: Int) {
        self.head = max(head, 0)
        self.tail = max(tail, 1)
        self.lineBytes = lineBytes
    }
}

/// The lines of one cell as they arrive, kept within an ``OutputLimit``.
struct CappedLines: Sendable {
    private var first: [OutputLine] = []
    private var last: [OutputLine] = []
    private var lastStart = 0
    private(set) var omitted = 0
    let limit: OutputLimit

    init(limit: OutputLimit) {
        self.limit = limit
    }

    mutating func append(_ line: OutputLine) {
        var line = line
        if line.text.utf8.count > limit.lineBytes {
            line.text = String(decoding: line.text.utf8.prefix(limit.lineBytes), as: UTF8.self) + " [line cut]"
        }
        if first.count < limit.head {
            first.append(line)
        } else if last.count < limit.tail {
            last.append(line)
        } else {
            // A ring of the latest lines: overwrite the oldest.
            last[lastStart] = line
            lastStart = (lastStart + 1) % last.count
            omitted += 1
        }
    }

    var lines: [OutputLine] {
        first + last[lastStart...] + last[..<lastStart]
    }

    /// Where the omitted lines were, as an index into ``lines``.
    var omissionIndex: Int { first.count }
}
