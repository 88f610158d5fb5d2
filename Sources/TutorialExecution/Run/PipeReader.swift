import CSupport
import Foundation
import Synchronization

import Glibc

/// Reads a program's stdout and stderr pipes on a thread of its own, with one `poll` over both, so
/// that chunks are handed on in the order they arrived and timed as soon as they arrive.
final class PipeReader: OutputReader {
    private let stdout: Int32
    private let stderr: Int32
    /// Written to when the reader must stop before end-of-file (a descendant that escaped the
    /// kill still holds a pipe open).
    private let wakeRead: Int32
    private let wakeWrite: Int32
    private let finished = Atomic<Bool>(false)

    /// True once reading has ended: both pipes reached their end, or ``stop()`` was called.
    var isFinished: Bool { finished.load(ordering: .acquiring) }

    /// True once both pipes reached their end (or ``stop()`` was called and reading ended).
    func reachedEnd() -> Bool { isFinished }

    /// Takes ownership of the two read ends; they are closed when reading ends.
    package init(stdout: Int32, stderr: Int32) throws {
        self.stdout = stdout
        self.stderr = stderr
        var wake: [Int32] = [0, 0]
        guard tutorial_pipe_cloexec(&wake) == 0 else { throw POSIXError(.EMFILE) }
        wakeRead = wake[0]
        wakeWrite = wake[1]
    }

    /// Reads, on a thread of its own, until both pipes reach end-of-file, or ``stop()`` is called.
    func start(
        elapsed: @escaping @Sendable () -> Double,
        onOutput: @escaping @Sendable (OutputChannel, [UInt8], Double) -> Void
    ) -> ReaderThread {
        ReaderThread(name: "tutorial-pipe-reader") { [self] in
            loop(elapsed: elapsed, onOutput: onOutput)
            finished.store(true, ordering: .releasing)
        }
    }

    deinit {
        close(wakeRead)
        close(wakeWrite)
    }

    /// Makes the reader drain what is already in the pipes and return (if it has not yet).
    func stop() {
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
    }

    private func loop(elapsed: () -> Double, onOutput: (OutputChannel, [UInt8], Double) -> Void) {
        var descriptors = [
            pollfd(fd: stdout, events: Int16(POLLIN), revents: 0),
            pollfd(fd: stderr, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0),
        ]
        var buffers = [[UInt8]](repeating: [UInt8](repeating: 0, count: 65_536), count: 2)
        var stopping = false
        while descriptors[0].fd >= 0 || descriptors[1].fd >= 0 {
            // Once stopping, only take what is there already.
            let ready = poll(&descriptors, nfds_t(descriptors.count), stopping ? 0 : -1)
            if ready < 0 && errno == EINTR { continue }
            if ready <= 0 { break }
            let now = elapsed()
            // Both reads first, back to back, and only then the handling: the program keeps
            // writing meanwhile, and a slow gap between the reads would let a later stderr line
            // overtake an earlier stdout line. stdout goes first: it is usually written first.
            var counts = [0, 0]
            for index in 0..<2 where descriptors[index].fd >= 0 && descriptors[index].revents != 0 {
                counts[index] = buffers[index].withUnsafeMutableBytes {
                    Glibc.read(descriptors[index].fd, $0.baseAddress, $0.count)
                }
                if counts[index] == 0 || (counts[index] < 0 && errno != EINTR && errno != EAGAIN) {
                    close(descriptors[index].fd)
                    descriptors[index].fd = -1
                }
            }
            for index in 0..<2 where counts[index] > 0 {
                onOutput(index == 0 ? .stdout : .stderr, Array(buffers[index][0..<counts[index]]), now)
            }
            if descriptors[2].revents != 0 { stopping = true; descriptors[2].fd = -1 }
        }
        for index in 0..<2 where descriptors[index].fd >= 0 { close(descriptors[index].fd) }
    }
}
