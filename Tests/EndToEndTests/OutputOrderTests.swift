import TestSupport
import Foundation
import Testing
@testable import TutorialExecution

/// Writes to stdout and stderr keep the order in which one thread made them, whoever makes them
/// (`print`, `FileHandle`, `fputs`, `write`, a child process), and each line keeps its stream.
@Suite struct OutputOrderTests {
    /// What the fixture's first cell prints, in order: (stream, text).
    static let expected: [(TutorialExecution.OutputChannel, String)] = (1...3).flatMap { round -> [(TutorialExecution.OutputChannel, String)] in
        let out = TutorialExecution.OutputChannel.stdout, err = TutorialExecution.OutputChannel.stderr
        return [
            (err, "\(round) err FileHandle"), (out, "\(round) out print"), (err, "\(round) err fputs"),
            (out, "\(round) out write"), (out, "\(round) out echo"), (err, "\(round) err write"),
            (out, "\(round) out FileHandle"), (err, "\(round) err sh"), (out, "\(round) out print again"),
            (err, "\(round) err fputs again"),
        ]
    }

    /// A runner whose cache is a fresh folder, and the fixture's example, compiled.
    static func prepared() async throws -> (ExampleRunner, PreparedExample) {
        let book = try TestSupport.copyFixture("output-order")
        let source = try String(contentsOf: book.appendingPathComponent("chapters/01-order.md"), encoding: .utf8)
        let example = TestSupport.example(source, file: "chapters/01-order.md")
        let runner = ExampleRunner(
            compiler: Compiler(), cache: ProgramCache(root: book.appendingPathComponent(".tutorial-cache").path),
            compilerVersion: "test")
        let prepared = await runner.prepare(example)
        #expect(prepared.hasProgram, "\(prepared.compile?.log ?? "")")
        return (runner, prepared)
    }

    @Test func oneThreadsWritesKeepTheirOrderAndStreamIn100Runs() async throws {
        let (runner, prepared) = try await Self.prepared()
        guard prepared.hasProgram else { return }
        let runs = 100
        var inOrder = 0
        var firstFailure: String?
        // Two runs at a time, as a build runs them.
        let results = await withTaskGroup(of: RunResult.self) { group in
            var results: [RunResult] = []
            for index in 0..<runs {
                if index >= 2, let result = await group.next() { results.append(result) }
                group.addTask { await runner.run(prepared) }
            }
            for await result in group { results.append(result) }
            return results
        }
        for result in results {
            let lines = result.cells[0].lines.map { ($0.stream, $0.text) }
            let second = result.cells[1].lines.map { ($0.stream, $0.text) }
            let ok = result.termination == .exited(0)
                && lines.map(\.0) == Self.expected.map(\.0) && lines.map(\.1) == Self.expected.map(\.1)
                && second.map(\.1) == ["second cell out", "second cell err"]
                && second.map(\.0) == [.stdout, .stderr]
                // A datagram from another socket than fd 1 and 2 is ignored; where the sockets
                // are in a network namespace of the tool's own, it cannot even be sent (-1).
                && ["sent 7", "sent -1"].contains(result.cells[2].lines.map(\.text).joined())
                && !result.cells.flatMap(\.lines).contains { $0.text.contains("forged") }
            if ok {
                inOrder += 1
            } else if firstFailure == nil {
                firstFailure = "\(result.termination): " + result.cells.flatMap(\.lines)
                    .map { "\($0.stream) \($0.text)" }.joined(separator: " | ")
            }
        }
        print("output order: \(inOrder)/\(runs) runs in the order written")
        #expect(inOrder == runs, "\(inOrder)/\(runs) in order; first failure: \(firstFailure ?? "")")
    }
}
