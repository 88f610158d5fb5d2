import CSupport
import Foundation
import TutorialModel

/// Splits a run's raw output into lines and cells.
///
/// The generated program writes `TOKEN N` on a line of its own to stdout and stderr before cell N;
/// the token is random per run, so program output cannot forge a boundary. Each stream follows its
/// own boundaries; lines of both streams land in a cell in the order they arrived.
struct OutputSplitter: Sendable {
    private let token: [UInt8]?
    private var collected: [CappedLines]
    private var starts: [Double?]
    /// The cell each stream is in (stdout, stderr): looked up for every line.
    private var current = (stdout: 0, stderr: 0)
    private var pending: [OutputChannel: (bytes: [UInt8], time: Double)] = [:]
    /// The reader of a `lanes` example's tags, made at the first line that may hold one.
    private var tags: LaneTag?

    /// Bytes kept of a line whose line break has not arrived yet.
    static let pendingLimit = 1 << 20

    /// - Parameters:
    ///   - token: the boundary token, or nil when the program writes no boundaries.
    ///   - cellCount: how many cells the program has.
    package init(token: String?, cellCount: Int, limit: OutputLimit = .standard) {
        self.token = token.map { Array($0.utf8) }
        self.collected = Array(repeating: CappedLines(limit: limit), count: max(cellCount, 1))
        self.starts = Array(repeating: nil, count: max(cellCount, 1))
        if token == nil { starts[0] = 0 }
    }

    /// Adds bytes read from `stream` at `time` seconds into the run. A line's time is that of
    /// the bytes that began it.
    mutating func feed(_ bytes: [UInt8], from stream: OutputChannel, at time: Double) {
        var carried = pending.removeValue(forKey: stream)
        bytes.withUnsafeBufferPointer { all in
            guard let base = all.baseAddress else { return }
            // A boundary is written whole, with one write: a chunk without the token holds none,
            // unless a line began in an earlier chunk.
            let chunkHasToken = token.map { Self.find($0, in: all) != nil } ?? false
            var start = 0
            while start < all.count {
                guard let found = memchr(base + start, Int32(UInt8(ascii: "\n")), all.count - start) else {
                    // A line without end yet; one that never ends is cut later anyway, so it
                    // does not grow without bound.
                    var kept = carried ?? ([], time)
                    kept.bytes += all[start...].prefix(max(0, Self.pendingLimit - kept.bytes.count))
                    carried = kept
                    break
                }
                let end = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
                let line = UnsafeBufferPointer(rebasing: all[start..<end])
                if var kept = carried {
                    kept.bytes += line.prefix(max(0, Self.pendingLimit - kept.bytes.count))
                    kept.bytes.withUnsafeBufferPointer { takeLine($0, from: stream, at: kept.time, mayHoldToken: true) }
                    carried = nil
                } else {
                    takeLine(line, from: stream, at: time, mayHoldToken: chunkHasToken)
                }
                start = end + 1
            }
        }
        if let carried { pending[stream] = carried }
    }

    /// The cell running now, as far as stdout tells, and when it started.
    var currentCell: (cell: Int, start: Double?) {
        let cell = current.stdout
        return (cell, starts[cell])
    }

    /// Flushes lines left without a line break and returns every cell's output.
    mutating func finish() -> [CellOutput] {
        for stream in [OutputChannel.stdout, .stderr] {
            if let (bytes, time) = pending[stream] {
                append(OutputLine(stream: stream, text: Self.decode(bytes), time: time, terminated: false), stream: stream)
            }
        }
        pending = [:]
        return collected.indices.map { index in
            CellOutput(
                lines: collected[index].lines, start: starts[index],
                omittedLines: collected[index].omitted, omissionIndex: collected[index].omissionIndex)
        }
    }

    private mutating func takeLine(_ line: UnsafeBufferPointer<UInt8>, from stream: OutputChannel, at time: Double, mayHoldToken: Bool) {
        guard mayHoldToken, let token, let range = Self.boundary(token, in: line) else {
            appendTagged(line, from: stream, at: time, terminated: true)
            return
        }
        if range.lowerBound > 0 {
            // The cell before left a line without a line break.
            appendTagged(UnsafeBufferPointer(rebasing: line[..<range.lowerBound]), from: stream, at: time, terminated: false)
        }
        let rest = line[range.upperBound...].drop { $0 == UInt8(ascii: " ") }
        guard let index = Int(Self.decode(rest)), starts.indices.contains(index) else { return }
        if stream == .stdout { current.stdout = index } else { current.stderr = index }
        if stream == .stdout { starts[index] = time }
    }

    /// Appends `line`, without the tags of a `lanes` example's `print` (``LaneTag``) and with
    /// the origin they give.
    private mutating func appendTagged(_ line: UnsafeBufferPointer<UInt8>, from stream: OutputChannel, at time: Double, terminated: Bool) {
        guard stream == .stdout, let token, Self.find(token, in: line) != nil else {
            append(OutputLine(stream: stream, text: Self.decode(line), time: time, terminated: terminated), stream: stream)
            return
        }
        if tags == nil { tags = LaneTag(token: token) }
        let (text, origin) = tags!.strip(line)
        var output = OutputLine(stream: stream, text: Self.decode(text), time: time, terminated: terminated)
        output.origin = origin
        append(output, stream: stream)
    }

    /// Where the boundary `TOKEN N` is in `line`: the first place the token is followed by a space
    /// (a tag has `\u{1}` there).
    private static func boundary(_ token: [UInt8], in line: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        var start = 0
        while start < line.count, let range = find(token, in: UnsafeBufferPointer(rebasing: line[start...])) {
            let found = (range.lowerBound + start)..<(range.upperBound + start)
            if found.upperBound >= line.count || line[found.upperBound] != LanesSupport.start { return found }
            start = found.lowerBound + 1
        }
        return nil
    }

    /// Lines completed since the last ``takeFresh()``, with their cell, when `keepsFresh`.
    var keepsFresh = false
    private var fresh: [(cell: Int, line: OutputLine)] = []

    /// The lines completed since the last call, for a live view of the run.
    mutating func takeFresh() -> [(cell: Int, line: OutputLine)] {
        defer { fresh.removeAll(keepingCapacity: true) }
        return fresh
    }

    private mutating func append(_ line: OutputLine, stream: OutputChannel) {
        let cell = stream == .stdout ? current.stdout : current.stderr
        if keepsFresh { fresh.append((cell, line)) }
        collected[cell].append(line)
    }

    private static func decode<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    private static func find(_ needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        let offset = needle.withUnsafeBufferPointer { needle in
            tutorial_find(haystack.baseAddress, UInt(haystack.count), needle.baseAddress, UInt(needle.count))
        }
        return offset < 0 ? nil : offset..<(offset + needle.count)
    }
}
