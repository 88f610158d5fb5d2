import Foundation

/// Long synchronous work moved off Swift's cooperative pool, whose few threads must stay free
/// to start compiles and collect results.
enum BlockingWork {
    /// Runs `body` on a thread of its own and returns its value.
    static func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: body()) }.start()
        }
    }
}
