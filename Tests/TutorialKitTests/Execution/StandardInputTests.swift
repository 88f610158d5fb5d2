import Foundation
import Synchronization
import Testing
@testable import TutorialExecution

/// A program's standard input, through the reaper: the bytes of `stdin=TEXT`, or `/dev/null`.
@Suite struct StandardInputTests {
    func cat(_ input: [UInt8]?) async -> (ProcessOutcome, [UInt8]) {
        var runner = ProcessRunner(timeout: 120)
        runner.standardInput = input
        let collected = Mutex<[UInt8]>([])
        let outcome = await runner.run("cat") { stream, bytes, _ in
            if stream == .stdout { collected.withLock { $0 += bytes } }
        }
        return (outcome, collected.withLock { $0 })
    }

    @Test func theProgramReadsTheBytesItWasGiven() async {
        let input = Array("first line\nsecond <line>\n".utf8) + [0, 255] + Array(repeating: UInt8(ascii: "x"), count: 100_000)
        let (outcome, output) = await cat(input)
        #expect(outcome.termination == .exited(0))
        // More than a pipe holds; compared whole, reported by size (the bytes would be a long message).
        let same = output == input
        #expect(same, "\(output.count) of \(input.count) bytes came back")
    }

    @Test func withoutInputTheProgramReadsNothing() async {
        let (outcome, output) = await cat(nil)
        #expect(outcome.termination == .exited(0))
        #expect(output.isEmpty)
    }
}
