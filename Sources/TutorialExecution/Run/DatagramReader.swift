import CSupport
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// What reads a program's output for ``ProcessRunner``: ``PipeReader`` or ``DatagramReader``.
protocol OutputReader: Sendable {
    /// Starts reading, on a thread of its own, until the end of the output or ``stop()``, handing
    /// on each chunk with its stream and the seconds since the start, in order. Returns the
    /// thread, to be awaited.
    func start(elapsed: @escaping @Sendable () -> Double, onOutput: @escaping @Sendable (OutputChannel, [UInt8], Double) -> Void) -> ReaderThread
    /// Makes the reader take what has already arrived and return.
    func stop()
    /// True once reading has ended, or is about to: nothing can write any more.
    func reachedEnd() -> Bool
}

/// Reads a program's stdout and stderr from one ordered stream (see `OrderedOutput.c`): each
/// write the program (or any process that inherited its fd 1 or 2) made is one datagram, queued
/// in the order the writes returned, and its sender's address names its stream. Datagrams from
/// any other sender are ignored. Datagrams are taken many at a time (`DatagramBatch.c`), sorted
/// by sender in C, and each run of one stream goes on as one chunk.
///
/// A datagram socket has no end of file: the output ends when no process holds either sending
/// socket any more (``reachedEnd()`` asks), and every write made before that is already queued.
final class DatagramReader: OutputReader {
    /// The send buffer asked for: the largest single write that arrives whole is a little less
    /// than it, where the system allows that much.
    static let sendBuffer: Int32 = 8 << 20
    /// The datagrams the receiver queues before a writer waits, where the tool may make its
    /// sockets in a network namespace of its own (root); elsewhere the system's
    /// `net.unix.max_dgram_qlen` (10 by default). Short lines queued take about 768 bytes of
    /// kernel memory each, charged to the send buffer.
    static let privateQueueLength: Int32 = 4_096
    /// The shortest queue with which the reader sleeps a millisecond between takes.
    static let gatheringQueue: Int32 = 1_024
    /// Datagrams taken with one call.
    static let batchSlots: Int32 = 64

    private let sockets: tutorial_ordered_output
    private let wakeRead: Int32
    private let wakeWrite: Int32
    private let finished = Atomic<Bool>(false)
    private let stopping = Atomic<Bool>(false)

    /// The write ends the program gets as fd 1 and fd 2; the caller closes them once it started.
    var stdoutSender: Int32 { sockets.stdout_fd }
    var stderrSender: Int32 { sockets.stderr_fd }
    /// The size of the senders' send buffers: a single write of more than about this fails
    /// (EMSGSIZE), where the kernel can allocate that much at all.
    var sendBufferSize: Int { Int(sockets.send_buffer) }
    /// How many datagrams the receiver queues before a writer waits (-1 if unknown).
    var queueLength: Int { Int(sockets.queue_length) }

    /// - Parameter privateQueue: false to make the sockets with the system's queue length even
    ///   where a longer one is possible.
    package init(privateQueue: Bool = true) throws {
        var sockets = tutorial_ordered_output()
        guard tutorial_ordered_output(&sockets, Self.sendBuffer, privateQueue ? Self.privateQueueLength : 0) == 0 else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EMFILE)
        }
        // The reader must be able to hold the largest datagram: a run whose output it could not
        // take whole fails here, with a reason, rather than lose or cut output later.
        var probe = tutorial_datagram_batch()
        guard tutorial_datagram_batch_make(&probe, Self.slotSize(sockets), 1) == 0 else {
            tutorial_ordered_output_close(&sockets)
            for fd in [sockets.stdout_fd, sockets.stderr_fd] { close(fd) }
            throw POSIXError(.ENOMEM)
        }
        tutorial_datagram_batch_free(&probe)
        var wake: [Int32] = [0, 0]
        guard tutorial_pipe_cloexec(&wake) == 0 else {
            tutorial_ordered_output_close(&sockets)
            for fd in [sockets.stdout_fd, sockets.stderr_fd] { close(fd) }
            throw POSIXError(.EMFILE)
        }
        self.sockets = sockets
        wakeRead = wake[0]
        wakeWrite = wake[1]
    }

    deinit {
        var sockets = self.sockets
        tutorial_ordered_output_close(&sockets)
        close(wakeRead)
        close(wakeWrite)
    }

    func start(
        elapsed: @escaping @Sendable () -> Double,
        onOutput: @escaping @Sendable (OutputChannel, [UInt8], Double) -> Void
    ) -> ReaderThread {
        ReaderThread(name: "tutorial-output-reader") { [self] in
            loop(elapsed: elapsed, onOutput: onOutput)
            finished.store(true, ordering: .releasing)
        }
    }

    func stop() {
        guard !stopping.exchange(true, ordering: .acquiringAndReleasing) else { return }
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
    }

    /// True once reading has ended. When no process holds a sending socket any more, tells the
    /// reader to take what is queued (everything written) and end.
    func reachedEnd() -> Bool {
        if finished.load(ordering: .acquiring) { return true }
        var sockets = self.sockets
        if tutorial_datagram_sender_alive(&sockets, 0) == 0 && tutorial_datagram_sender_alive(&sockets, 1) == 0 {
            stop()
        }
        return false
    }

    /// Room for the largest datagram the senders can send (a bigger write fails in the sender).
    private static func slotSize(_ sockets: tutorial_ordered_output) -> UInt {
        UInt(max(Int(sockets.send_buffer), 65_536))
    }

    private func loop(elapsed: () -> Double, onOutput: (OutputChannel, [UInt8], Double) -> Void) {
        var descriptors = [
            pollfd(fd: sockets.receiver, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0),
        ]
        var sockets = self.sockets
        // Each slot has room for the largest datagram the senders can send: reserved, only the
        // pages datagrams fill are used.
        var batch = tutorial_datagram_batch()
        let slotSize = Self.slotSize(sockets)
        // Fewer slots where the address space is short, never smaller ones: a smaller slot would
        // cut a big write. One slot of this size was made once already, in `init`.
        guard tutorial_datagram_batch_make(&batch, slotSize, Self.batchSlots) == 0
            || tutorial_datagram_batch_make(&batch, slotSize, 1) == 0 else { return }
        defer { tutorial_datagram_batch_free(&batch) }
        while true {
            let ready = poll(&descriptors, nfds_t(descriptors.count), -1)
            if ready < 0 && errno == EINTR { continue }
            if ready < 0 { break }
            let last = descriptors[1].revents != 0
            // Everything queued, in order; once stopping, that is the whole output. Datagrams of
            // one stream that come one after another, within a millisecond, go on as one chunk:
            // handing each line on alone would slow down a program that prints many short lines.
            var chunk: (stream: Int32, bytes: [UInt8], time: Double)?
            var took = false
            while tutorial_datagram_take(&sockets, &batch) > 0 {
                took = true
                let now = elapsed()
                for run in 0..<Int(batch.runs) {
                    let stream = batch.run_stream[run]
                    let size = batch.run_bytes[run]
                    let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
                        tutorial_datagram_copy_run(&batch, Int32(run), buffer.baseAddress)
                        count = size
                    }
                    if let pending = chunk, pending.stream != stream || pending.bytes.count >= 65_536 || now - pending.time > 0.001 {
                        onOutput(pending.stream == 0 ? .stdout : .stderr, pending.bytes, pending.time)
                        chunk = nil
                    }
                    if chunk == nil {
                        chunk = (stream, bytes, now)
                    } else {
                        chunk!.bytes += bytes
                    }
                }
            }
            if let pending = chunk { onOutput(pending.stream == 0 ? .stdout : .stderr, pending.bytes, pending.time) }
            if last { break }
            // With a long queue, the reader lets lines gather for a millisecond before it waits
            // again: a writer wakes no one while the reader sleeps, and the next take gets
            // hundreds at once. (With the system's 10, writers would wait.)
            if took && sockets.queue_length >= Self.gatheringQueue { usleep(1_000) }
        }
    }
}
