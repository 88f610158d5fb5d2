/// A unified diff of two lists of lines, as `diff -u` prints it, for "expected output" errors:
/// the hunks of the standard library's `difference(from:)`, with three lines of context.
package enum UnifiedDiff {
    /// Lines of context around each change.
    static let context = 3

    package static func make(expected: [String], actual: [String], expectedName: String, actualName: String) -> String {
        let operations = operations(expected, actual)
        var output = "--- \(expectedName)\n+++ \(actualName)\n"
        // Group the operations into hunks: changes with up to `context` equal lines around them.
        var index = 0
        while index < operations.count {
            guard let change = operations[index...].firstIndex(where: { $0.kind != .equal }) else { break }
            let start = max(change - context, index == 0 ? 0 : index)
            var end = change
            while true {
                guard let next = operations[(end + 1)...].firstIndex(where: { $0.kind != .equal }),
                      next - end <= 2 * context else { break }
                end = next
            }
            let stop = min(end + context + 1, operations.count)
            let hunk = operations[start..<stop]
            let oldStart = (hunk.first { $0.kind != .insert }?.old ?? hunk.first?.old ?? 0) + 1
            let newStart = (hunk.first { $0.kind != .delete }?.new ?? hunk.first?.new ?? 0) + 1
            let oldCount = hunk.filter { $0.kind != .insert }.count
            let newCount = hunk.filter { $0.kind != .delete }.count
            output += "@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@\n"
            for operation in hunk {
                switch operation.kind {
                case .equal: output += " \(expected[operation.old])\n"
                case .delete: output += "-\(expected[operation.old])\n"
                case .insert: output += "+\(actual[operation.new])\n"
                }
            }
            index = stop
        }
        return output
    }
package 
    struct Operation {
        package enum Kind { case equal, delete, insert }
        package var kind: Kind
        /// Positions in the old and new lists (the next one, for a line only on the other side).
        package var old: Int
        package var new: Int
    }

    /// The edit script from the standard library's diff (`difference(from:)`), in file order:
    /// within a change, the old lines go first, as `diff -u` prints them.
    package static func operations(_ a: [String], _ b: [String]) -> [Operation] {
        let difference = b.difference(from: a)
        var removed = Set<Int>(), inserted = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        var operations: [Operation] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count && removed.contains(i) {
                operations.append(Operation(kind: .delete, old: i, new: j)); i += 1
            } else if j < b.count && inserted.contains(j) {
                operations.append(Operation(kind: .insert, old: i, new: j)); j += 1
            } else {
                operations.append(Operation(kind: .equal, old: i, new: j)); i += 1; j += 1
            }
        }
        return operations
    }
}
