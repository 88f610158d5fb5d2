import Foundation

/// The pauses between checks of something that is usually ready at once (a short program's end,
/// a reaper's last word): 0.2 ms at first, doubling up to `limit`, so that many short runs do not
/// each lose a whole polling interval, and long ones do not keep a core busy.
struct Backoff {
    private var pause: Double = 0.000_2
    let limit: Double

    package init(limit: Double) {
        self.limit = limit
    }

    /// Waits, without holding a thread of Swift's pool.
    mutating func wait() async {
        try? await Task.sleep(for: .seconds(pause))
        pause = min(pause * 2, limit)
    }

    /// Waits on this thread (one of the tool's own, never the pool's).
    mutating func waitHere() {
        usleep(UInt32(pause * 1_000_000))
        pause = min(pause * 2, limit)
    }
}
