import Foundation

/// What compiling an example gave, saved beside its program so that an unchanged example is not
/// compiled again. It is written last, atomically: a folder without a readable record (or whose
/// program is missing or has another size) is compiled again, never trusted.
struct CompileRecord: Codable, Sendable {
    static let fileName = "compile.json"

    var compile: CompileOutcome?
    var typeChecks: [Int: CompileOutcome]
    /// The size of the compiled program, to notice a truncated one.
    var programSize: Int?

    /// False when the compiler could not even start: nothing worth remembering.
    var compilerRan: Bool {
        !([compile].compactMap { $0 } + Array(typeChecks.values)).contains { $0.log.contains("could not run the Swift compiler") }
    }

    static func load(from directory: String) -> CompileRecord? {
        guard let data = FileManager.default.contents(atPath: "\(directory)/\(fileName)") else { return nil }
        return try? JSONDecoder().decode(CompileRecord.self, from: data)
    }

    func save(to directory: String) {
        guard let data = try? JSONEncoder().encode(self) else { return }
        try? ProgramCache.writeAtomically(data, to: "\(directory)/\(Self.fileName)")
    }

    /// Whether the program the record speaks of is there, whole.
    func isComplete(in directory: String) -> Bool {
        guard compile?.succeeded == true else { return true }
        let program = "\(directory)/program"
        return FileManager.default.isExecutableFile(atPath: program) && ExampleRunner.size(of: program) == programSize
    }
}
