import CSupport
import Foundation

import Glibc

/// The write end of the self-pipe the signal handler writes to; set once, before any handler is
/// installed.
nonisolated(unsafe) private var signalPipeWriteEnd: Int32 = -1

/// Delivers signals on a thread of its own: the handler only writes the signal's number into a
/// pipe (which is async-signal-safe), and a dedicated thread reads it and calls the action. The
/// action runs even when every Dispatch and Swift concurrency thread is busy, which a
/// `DispatchSourceSignal` on a global queue does not.
enum SignalThread {
    /// Calls `action` with the signal's number on a dedicated thread whenever one of `signals`
    /// arrives. Call once per process.
    static func install(_ signals: [Int32], action: @escaping @Sendable (Int32) -> Void) {
        var descriptors: [Int32] = [-1, -1]
        guard tutorial_pipe_cloexec(&descriptors) == 0 else { return }
        signalPipeWriteEnd = descriptors[1]
        let readEnd = descriptors[0]
        let thread = Thread {
            var byte: UInt8 = 0
            while true {
                let count = read(readEnd, &byte, 1)
                if count == 1 { action(Int32(byte)) } else if count < 0 && errno != EINTR { return }
            }
        }
        thread.name = "tutorial signals"
        thread.start()
        for number in signals {
            _ = signal(number) { received in
                let saved = errno
                var byte = UInt8(truncatingIfNeeded: received)
                _ = write(signalPipeWriteEnd, &byte, 1)
                errno = saved
            }
        }
    }
}
