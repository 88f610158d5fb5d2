import Foundation
import Synchronization
import Testing
@testable import TutorialExecution

#if canImport(Glibc)
import Glibc
#endif

/// How fast the ordered output takes many lines (``DatagramReader``): the receiver's queue,
/// made long in a network namespace of the tool's own where it may and the system's elsewhere,
/// and datagrams taken many at a time, which must keep every line, in order, across the streams.
@Suite struct OutputQueueTests {
    /// Datagrams a sender can write, without waiting, before the receiver's queue is full.
    static func datagramsQueued(_ reader: DatagramReader) -> Int {
        let sender = reader.stdoutSender
        _ = fcntl(sender, F_SETFL, fcntl(sender, F_GETFL) | O_NONBLOCK)
        var count = 0
        var byte: UInt8 = 0x0A
        while count < 100_000 && send(sender, &byte, 1, 0) == 1 { count += 1 }
        return count
    }

    /// The host's `net.unix.max_dgram_qlen`, as this process sees it.
    static var hostQueueLength: Int? {
        (try? String(contentsOfFile: "/proc/sys/net/unix/max_dgram_qlen", encoding: .utf8))
            .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// Whether this process may make a network namespace and set its queue length there: what
    /// the private queue needs.
    static var mayMakeNetworkNamespace: Bool {
        let unshare = Process()
        unshare.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        unshare.arguments = ["--net", "/bin/sh", "-c", "echo \(DatagramReader.privateQueueLength) > /proc/sys/net/unix/max_dgram_qlen"]
        unshare.standardError = FileHandle.nullDevice
        guard (try? unshare.run()) != nil else { return false }
        unshare.waitUntilExit()
        return unshare.terminationStatus == 0
    }

    /// Runs `script` with `/bin/sh -c`, with ordered output, and returns its lines with their streams.
    static func lines(_ script: String, privateQueue: Bool = true) async -> (ProcessOutcome, [String]) {
        var runner = ProcessRunner(timeout: 60)
        runner.orderedOutput = true
        runner.privateOutputQueue = privateQueue
        let chunks = Mutex<[(TutorialExecution.OutputChannel, [UInt8])]>([])
        let outcome = await runner.run("/bin/sh", arguments: ["-c", script]) { stream, bytes, _ in
            chunks.withLock { $0.append((stream, bytes)) }
        }
        // Chunks of one stream that follow each other are one piece of output: a write may have
        // been handed on with the writes before it.
        var lines: [String] = []
        var piece: (stream: TutorialExecution.OutputChannel, bytes: [UInt8])?
        for (stream, bytes) in chunks.withLock({ $0 }) + [(.stderr, []), (.stdout, [])] {
            if let current = piece, current.stream != stream {
                lines += String(decoding: current.bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                    .dropLast().map { "\(current.stream) \($0)" }
                piece = nil
            }
            piece = (stream, (piece?.bytes ?? []) + bytes)
        }
        return (outcome, lines)
    }

    /// Compares many lines, naming the first that differs (not printing them all).
    static func expectSame(_ lines: [String], _ expected: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(lines.count == expected.count, sourceLocation: sourceLocation)
        if let index = zip(lines, expected).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
            Issue.record("line \(index): \(lines[index].prefix(80)) where \(expected[index].prefix(80)) was expected", sourceLocation: sourceLocation)
        }
    }

    @Test func theQueueIsLongWhereTheToolMayMakeANamespaceAndTheSystemsElsewhere() throws {
        let reader = try DatagramReader()
        let queued = Self.datagramsQueued(reader)
        // The kernel takes one datagram past the queue's length before a writer waits.
        #expect(queued == reader.queueLength + 1)
        if Self.mayMakeNetworkNamespace {
            #expect(reader.queueLength == Int(DatagramReader.privateQueueLength))
        } else {
            #expect(reader.queueLength == Self.hostQueueLength)
        }
        // The host's own setting is never changed.
        #expect(Self.hostQueueLength != Int(DatagramReader.privateQueueLength) || reader.queueLength == Self.hostQueueLength)
    }

    @Test func withoutAPrivateNamespaceTheSocketsKeepTheSystemsQueue() throws {
        let reader = try DatagramReader(privateQueue: false)
        #expect(reader.queueLength == Self.hostQueueLength)
        #expect(Self.datagramsQueued(reader) == reader.queueLength + 1)
    }

    @Test(arguments: [true, false])
    func interleavedLinesKeepTheirOrderWhenTakenManyAtATime(privateQueue: Bool) async {
        let count = 5_000
        let (outcome, lines) = await Self.lines(
            "i=0; while [ $i -lt \(count) ]; do echo o$i; echo e$i >&2; echo p$i; echo q$i; i=$((i+1)); done",
            privateQueue: privateQueue)
        #expect(outcome.termination == .exited(0))
        Self.expectSame(lines, (0..<count).flatMap { ["stdout o\($0)", "stderr e\($0)", "stdout p\($0)", "stdout q\($0)"] })
    }

    @Test(arguments: [true, false])
    func everyLineOfAManyLineProgramArrivesInOrder(privateQueue: Bool) async {
        let count = 100_000
        // Each echo is one write, one datagram.
        let (outcome, lines) = await Self.lines("i=1; while [ $i -le \(count) ]; do echo $i; i=$((i+1)); done", privateQueue: privateQueue)
        #expect(outcome.termination == .exited(0))
        Self.expectSame(lines, (1...count).map { "stdout \($0)" })
    }

    /// Big writes between short ones each fill a slot of their own in a batch; none overwrites another.
    @Test func bigWritesAmongShortOnesArriveWhole() async throws {
        let size = 200_000
        let reader = try DatagramReader()
        try #require(reader.sendBufferSize > size + 32)
        // dd writes each file with one write: one datagram of `size` bytes.
        let script = """
            d=$(mktemp -d); for n in 1 2 3; do head -c \(size) /dev/zero | tr '\\0' $n > $d/f$n; done
            for n in 1 2 3; do echo short$n; dd if=$d/f$n bs=\(size) count=1 status=none; echo; done; rm -r $d
            """
        let (outcome, lines) = await Self.lines(script)
        #expect(outcome.termination == .exited(0))
        Self.expectSame(lines, (1...3).flatMap { ["stdout short\($0)", "stdout " + String(repeating: "\($0)", count: size)] })
    }

    /// A datagram from a socket other than the two senders never shows; where the sockets are in a
    /// namespace of the tool's own, it cannot even reach the receiver.
    @Test(arguments: [true, false])
    func aForgedDatagramIsIgnored(privateQueue: Bool) async throws {
        let reader = try DatagramReader(privateQueue: privateQueue)
        var peer = sockaddr_un()
        var length = socklen_t(MemoryLayout<sockaddr_un>.size)
        let named = withUnsafeMutablePointer(to: &peer) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getpeername(reader.stdoutSender, $0, &length) }
        }
        try #require(named == 0)
        let forger = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        defer { close(forger) }
        let sent = "forged\n".withCString { text in
            withUnsafePointer(to: &peer) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { sendto(forger, text, 7, 0, $0, length) }
            }
        }
        #expect(sent == (reader.queueLength == Self.hostQueueLength ? 7 : -1))
        _ = "real\n".withCString { write(reader.stdoutSender, $0, 5) }
        _ = "error\n".withCString { write(reader.stderrSender, $0, 6) }
        let chunks = Mutex<[String]>([])
        let thread = reader.start(elapsed: { 0 }) { stream, bytes, _ in
            chunks.withLock { $0.append("\(stream) " + String(decoding: bytes, as: UTF8.self)) }
        }
        close(reader.stdoutSender)
        close(reader.stderrSender)
        while !reader.reachedEnd() { try await Task.sleep(for: .milliseconds(2)) }
        await thread.wait()
        #expect(chunks.withLock { $0 } == ["stdout real\n", "stderr error\n"])
    }
}
