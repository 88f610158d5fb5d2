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
/// any other sender are ignored.
///
/// A datagram socket has no end of file: the output ends when no process holds either sending
/// socket any more (``reachedEnd()`` asks), and every write made before that is already queued.
final class DatagramReader: OutputReader {
    /// The send buffer asked for: the largest single write that arrives whole is a little less
    /// than it, where the system allows that much.
    static let sendBuffer: Int32 = 8 << 20

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

    package init() throws {
        var sockets = tutorial_ordered_output()
        guard tutorial_ordered_output(&sockets, Self.sendBuffer) == 0 else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EMFILE)
        }
        var wake: [Int32] = [0, 0]
        guard tutorial_pipe_cloexec(&wake) == 0 else {
            for fd in [sockets.receiver, sockets.stdout_fd, sockets.stderr_fd] { close(fd) }
            throw POSIXError(.EMFILE)
        }
        self.sockets = sockets
        wakeRead = wake[0]
        wakeWrite = wake[1]
    }

    deinit {
        close(sockets.receiver)
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

    private func loop(elapsed: () -> Double, onOutput: (OutputChannel, [UInt8], Double) -> Void) {
        var descriptors = [
            pollfd(fd: sockets.receiver, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0),
        ]
        var sockets = self.sockets
        // Room for the largest datagram the senders can send: allocated, never touched whole, so
        // that only the pages big writes use take memory.
        let capacity = max(Int(sockets.send_buffer), 65_536)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let ready = poll(&descriptors, nfds_t(descriptors.count), -1)
            if ready < 0 && errno == EINTR { continue }
            if ready < 0 { break }
            let last = descriptors[1].revents != 0
            // Everything queued, in order; once stopping, that is the whole output. Datagrams of
            // one stream that come one after another, within a millisecond, go on as one chunk:
            // handing each line on alone would slow down a program that prints many short lines.
            var batch: (stream: Int32, bytes: [UInt8], time: Double)?
            while true {
                var count = 0
                let sender = tutorial_datagram_sender(&sockets, sockets.receiver, buffer.baseAddress, UInt(capacity), &count)
                if sender < 0 { break }
                guard sender < 2, count > 0 else { continue }
                let now = elapsed()
                if let pending = batch, pending.stream != sender || pending.bytes.count >= 65_536 || now - pending.time > 0.001 {
                    onOutput(pending.stream == 0 ? .stdout : .stderr, pending.bytes, pending.time)
                    batch = nil
                }
                if batch == nil { batch = (sender, [], now) }
                batch!.bytes += UnsafeRawBufferPointer(rebasing: buffer[0..<min(count, capacity)])
            }
            if let pending = batch { onOutput(pending.stream == 0 ? .stdout : .stderr, pending.bytes, pending.time) }
            if last { break }
        }
    }
}
