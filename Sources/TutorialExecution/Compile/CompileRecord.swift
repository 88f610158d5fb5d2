import Foundation
import TutorialModel
import TutorialSupport

/// What compiling an example gave, saved beside its program so that an unchanged example is not
/// compiled again. It is written last, atomically: a folder without a readable record (or whose
/// program is missing, or has another size or SHA-256) is compiled again, never run.
package struct CompileRecord: Codable, Sendable {
    package static let fileName = "compile.json"

    var compile: CompileOutcome?
    var typeChecks: [Int: CompileOutcome]
    /// The size of the compiled program, to notice a truncated one at once.
    var programSize: Int?
    /// The SHA-256 of the compiled program, to notice one whose bytes changed.
    var programHash: String?
    /// The line of each cell's first line of code when it was compiled.
    var cellLines: [Int]

    /// False when a compile failed for a reason other than the code (the compiler could not
    /// start or work, or timed out): nothing worth remembering.
    var isWorthKeeping: Bool {
        ([compile].compactMap { $0 } + Array(typeChecks.values)).allSatisfy { $0.failure?.isCacheable ?? true }
    }

    package static func load(from directory: String) -> CompileRecord? {
        guard let data = FileManager.default.contents(atPath: "\(directory)/\(fileName)") else { return nil }
        return try? JSONDecoder().decode(CompileRecord.self, from: data)
    }

    /// Writes the record into `directory`, its compiler logs without that folder's path: a
    /// record names no absolute path, so it reads the same in any cache folder (a shared cache's).
    func save(to directory: String) {
        var relative = self
        func strip(_ outcome: CompileOutcome) -> CompileOutcome {
            var stripped = outcome
            stripped.log = outcome.log.replacingOccurrences(of: "\(directory)/", with: "")
            return stripped
        }
        relative.compile = compile.map(strip)
        relative.typeChecks = typeChecks.mapValues(strip)
        guard let data = try? JSONEncoder().encode(relative) else { return }
        try? AtomicFile.write(data, to: "\(directory)/\(Self.fileName)")
    }

    /// The record with its compiler messages moved to where the cells of `example` are now (the
    /// prose around them may have grown or shrunk since).
    func relocated(to example: Example) -> CompileRecord {
        guard cellLines != example.cells.map(\.codeLine) else { return self }
        let shifts = zip(cellLines, example.cells).map { old, cell in (old, cell.lineCount, cell.codeLine - old) }
        func move(_ outcome: CompileOutcome) -> CompileOutcome {
            var moved = outcome
            moved.log = outcome.log.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
                guard var diagnostic = CompilerLog.parseHeader(line),
                      diagnostic.file == example.file || diagnostic.file == example.cells.first?.sourceName,
                      let number = diagnostic.line,
                      let shift = shifts.first(where: { number >= $0.0 && number < $0.0 + max($0.1, 1) }) else { return String(line) }
                diagnostic.line = number + shift.2
                return diagnostic.description
            }.joined(separator: "\n")
            return moved
        }
        var record = self
        record.compile = compile.map(move)
        record.typeChecks = typeChecks.mapValues(move)
        record.cellLines = example.cells.map(\.codeLine)
        return record
    }

    /// The record of a compile whose program (if it made one) is at `program`.
    package init(compile: CompileOutcome?, typeChecks: [Int: CompileOutcome], program: String, cellLines: [Int]) {
        self.compile = compile
        self.typeChecks = typeChecks
        self.cellLines = cellLines
        if compile?.succeeded == true, let data = FileManager.default.contents(atPath: program) {
            programSize = data.count
            programHash = SHA256Digest.hex(data)
        }
    }

    /// Whether the program the record speaks of is there, whole; with `checkingContents`, with
    /// the very bytes it was compiled to (their SHA-256). A record without that hash, from an
    /// older version, is not trusted. Hashing every program costs a no-op build more than all
    /// its other work, so the builder checks the contents only of a program it is about to run.
    func isComplete(in directory: String, checkingContents: Bool = true) -> Bool {
        guard compile?.succeeded == true else { return true }
        let program = "\(directory)/program"
        guard FileManager.default.isExecutableFile(atPath: program), ExampleRunner.size(of: program) == programSize,
              let programHash else { return false }
        guard checkingContents else { return true }
        guard let data = FileManager.default.contents(atPath: program) else { return false }
        return SHA256Digest.hex(data) == programHash
    }
}
