/// The command lines of the processes killed at the end of a run, and how many there were: the
/// first ``kept`` lines only, so that a program that leaves a great many cannot fill the memory.
struct LeftoverList: Hashable, Sendable {
    static let kept = 1000
    private(set) var lines: [String] = []
    private(set) var count = 0

    mutating func append(_ line: String) {
        count += 1
        if lines.count < Self.kept { lines.append(line) }
    }

    mutating func append(contentsOf other: LeftoverList) {
        count += other.count
        lines += other.lines.prefix(Self.kept - lines.count)
    }
}
