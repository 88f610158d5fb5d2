/// What the tool does with a fenced block.
package enum BlockRole: Equatable, Sendable {
    /// A Swift cell: part of an example, compiled and run.
    case cell
    /// An output slot: filled with what the cells before it printed.
    case slot
    /// Anything else: shown as written, never run.
    case shown

    package init(of block: FencedBlock) {
        let isEmpty = block.body.allSatisfy(\.isWhitespace)
        switch block.language {
        case "swift": self = .cell
        case "output": self = .slot
        case "" where isEmpty: self = .slot
        default: self = .shown
        }
    }
}
