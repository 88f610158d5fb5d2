/// Caps the output kept per cell: the first and the last lines are kept, and the number of
/// lines dropped between them is counted, so memory stays bounded whatever a program prints.
struct OutputLimit: Hashable, Sendable {
    /// Lines kept from the start of a cell's output.
    var head: Int
    /// Lines kept from the end of a cell's output.
    var tail: Int
    /// Bytes kept at most at each end.
    var bytesPerEnd: Int
    /// Longest line kept, in UTF-8 bytes; longer lines are cut.
    var lineBytes: Int

    /// 10,000 lines and 1 MB at most: the first and the last 5,000 lines and 512 KB.
    static let standard = OutputLimit(head: 5_000, tail: 5_000, bytesPerEnd: 512 * 1024, lineBytes: 16_384)

    package init(head: Int, tail: Int, bytesPerEnd: Int = 512 * 1024, lineBytes: Int) {
        self.head = max(head, 0)
        self.tail = max(tail, 1)
        self.bytesPerEnd = bytesPerEnd
        self.lineBytes = lineBytes
    }
}

/// The lines of one cell as they arrive, kept within an ``OutputLimit``.
struct CappedLines: Sendable {
    private var first: [OutputLine] = []
    private var firstBytes = 0
    private var headFull = false
    /// The latest lines: a queue whose live part starts at `lastStart`.
    private var last: [OutputLine] = []
    private var lastStart = 0
    private var lastBytes = 0
    private(set) var omitted = 0
    let limit: OutputLimit

    package init(limit: OutputLimit) {
        self.limit = limit
    }

    mutating func append(_ line: OutputLine) {
        var line = line
        if line.text.utf8.count > limit.lineBytes {
            line.text = String(decoding: line.text.utf8.prefix(limit.lineBytes), as: UTF8.self) + " [line cut]"
        }
        let size = line.text.utf8.count + 1
        if !headFull && first.count < limit.head && firstBytes + size <= limit.bytesPerEnd {
            first.append(line)
            firstBytes += size
            return
        }
        headFull = true
        last.append(line)
        lastBytes += size
        while last.count - lastStart > limit.tail || (lastBytes > limit.bytesPerEnd && last.count - lastStart > 1) {
            lastBytes -= last[lastStart].text.utf8.count + 1
            lastStart += 1
            omitted += 1
        }
        // Drop the dead front of the queue now and then, so it never grows past twice its size.
        if lastStart > 1_024 && lastStart * 2 > last.count {
            last.removeFirst(lastStart)
            lastStart = 0
        }
    }

    var lines: [OutputLine] {
        first + last[lastStart...]
    }

    /// Where the omitted lines were, as an index into ``lines``.
    var omissionIndex: Int { first.count }
}
