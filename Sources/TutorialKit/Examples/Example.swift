/// One cell of an example: a fenced `swift` block.
public struct Cell: Hashable, Sendable {
    /// The chapter file holding the cell, as shown in diagnostics.
    public var file: String
    /// The cell's fenced block as written.
    public var block: FencedBlock
    /// The position of the cell within its example, from 0.
    public var index: Int

    public var code: String { block.body }
    /// The first line of code in the Markdown file.
    public var codeLine: Int { block.bodyLine }
    /// How far the code is indented in the Markdown file (cells in lists and quotes).
    public var codeIndent: Int { block.position.column - 1 }
}

/// A registered example: cells compiled into one program and run together.
public struct Example: Hashable, Sendable {
    /// The name `tutorial run` takes: the chapter's slug.
    public var name: String
    /// The chapter file the example comes from.
    public var file: String
    public var cells: [Cell]

    public init(name: String, file: String, cells: [Cell]) {
        self.name = name
        self.file = file
        self.cells = cells
    }
}
