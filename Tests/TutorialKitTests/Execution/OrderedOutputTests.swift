import Foundation
import Synchronization
import Testing
@testable import TutorialExecution

/// The ordered stream of stdout and stderr (``DatagramReader``): order across the streams, each
/// write's stream, big writes, and the end of the output.
@Suite struct OrderedOutputTests {
    /// Runs `script` with `/bin/sh -c` with ordered output, and returns the chunks it wrote
    /// (writes of one stream that come together may arrive as one chunk).
    static func run(_ script: String) async -> (ProcessOutcome, [(TutorialExecution.OutputChannel, [UInt8])]) {
        var runner = ProcessRunner(timeout: 20)
        runner.orderedOutput = true
        let chunks = Mutex<[(TutorialExecution.OutputChannel, [UInt8])]>([])
        let outcome = await runner.run("/bin/sh", arguments: ["-c", script]) { stream, bytes, _ in
            chunks.withLock { $0.append((stream, bytes)) }
        }
        return (outcome, chunks.withLock { $0 })
    }

    @Test func writesToTheTwoStreamsKeepTheirOrder() async {
        let (outcome, chunks) = await Self.run("i=0; while [ $i -lt 300 ]; do echo o$i; echo e$i >&2; /bin/echo c$i; i=$((i+1)); done")
        #expect(outcome.termination == .exited(0))
        let lines = chunks.flatMap { stream, bytes in
            String(decoding: bytes, as: UTF8.self).split(separator: "\n").map { "\(stream) \($0)" }
        }
        #expect(lines == (0..<300).flatMap { ["stdout o\($0)", "stderr e\($0)", "stdout c\($0)"] })
    }

    @Test func aBigWriteArrivesWholeInOneChunk() async throws {
        let buffer = try DatagramReader().sendBufferSize
        let size = 1_000_000
        let (outcome, chunks) = await Self.run("dd if=/dev/zero bs=\(size) count=1 status=none; echo after >&2")
        #expect(outcome.termination == .exited(0))
        if buffer > size + 32 {
            #expect(chunks.count == 2)
            #expect(chunks.first?.0 == .stdout && chunks.first?.1.count == size)
        } else {
            // Where the system keeps send buffers small, such a write fails (EMSGSIZE): said in the guide (docs/guide/chapters/15-how-examples-run.md).
            #expect(chunks.allSatisfy { $0.1.count < size })
        }
        #expect(chunks.last.map { String(decoding: $0.1, as: UTF8.self) } == "after\n")
    }

    /// No end of file on a datagram socket: the end is seen when the senders are released, and
    /// nothing written before is lost. (How soon is a measurement, not a test: about 40 ms on a
    /// quiet machine.)
    @Test func theOutputEndsWhenTheLastWriterIsGoneAndNothingIsLost() async {
        let (outcome, chunks) = await Self.run("echo first; echo second >&2; exit 3")
        #expect(outcome.termination == .exited(3))
        #expect(chunks.map { "\($0.0) " + String(decoding: $0.1, as: UTF8.self) } == ["stdout first\n", "stderr second\n"])
    }
}
