import FlyingFox
import FlyingSocks
import Foundation

/// A response body written while it is produced: each event a line of JSON, sent as soon as it
/// is yielded (HTTP chunked encoding). When the page goes away, `yield` says so.
struct EventStream: AsyncBufferedSequence {
    typealias Element = UInt8

    private let stream: AsyncStream<Data>
    let continuation: AsyncStream<Data>.Continuation

    init() {
        (stream, continuation) = AsyncStream.makeStream(of: Data.self, bufferingPolicy: .unbounded)
    }

    /// Sends one event; false once nobody reads the stream any more.
    @discardableResult
    func yield(_ event: [String: Any]) -> Bool {
        guard let data = try? JSONSerialization.data(withJSONObject: event, options: [.sortedKeys]) else { return true }
        if case .terminated = continuation.yield(data + Data([0x0A])) { return false }
        return true
    }

    func finish() {
        continuation.finish()
    }

    func makeAsyncIterator() -> Iterator {
        Iterator(base: stream.makeAsyncIterator())
    }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var base: AsyncStream<Data>.Iterator
        var pending: [UInt8] = []

        mutating func next() async throws -> UInt8? {
            try await nextBuffer(suggested: 1)?.first
        }

        mutating func nextBuffer(suggested count: Int) async throws -> [UInt8]? {
            if pending.isEmpty {
                guard let data = await base.next() else { return nil }
                pending = Array(data)
            }
            let taken = Array(pending.prefix(Swift.max(count, 1)))
            pending.removeFirst(taken.count)
            return taken
        }
    }
}
