import CSupport
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Accepts connections and reads their requests, all of them on one thread with `poll`, so that
/// connections that send nothing or trickle their bytes hold no thread and delay no one. Each
/// connection has `seconds` in total, from its arrival, to send its request head and body,
/// however it spaces its bytes (a slow client gets 408, a silent one is closed); at most
/// `maxPending` connections are read at once, and one more closes the oldest. A request read
/// whole goes to `complete`, a refused one to `refuse`, each of which must return at once.
struct RequestIntake {
    let listener: Int32
    let seconds: Double
    let maxPending: Int
    let maxBody: Int
    /// A request read whole: the connection (blocking again), its head and its body.
    let complete: (Int32, HTTPRequestHead, Data) -> Void
    /// A request refused while it was read: the connection (blocking again) and the status.
    let refuse: (Int32, Int, String) -> Void

    /// A connection whose request is still arriving.
    private struct Pending {
        let connection: Int32
        let deadline: ContinuousClock.Instant
        var reader = HTTPRequestHead.Reader()
        /// The head, once whole, of a POST whose body is still arriving.
        var head: HTTPRequestHead?
        var body: [UInt8] = []
        var bodyLength = 0
    }

    /// Runs until the listening socket is shut down, then closes what it still reads.
    func run() {
        var pending: [Pending] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        let clock = ContinuousClock()
        defer { for item in pending { close(item.connection) } }
        while true {
            var descriptors = [pollfd(fd: listener, events: Int16(POLLIN), revents: 0)]
            descriptors += pending.map { pollfd(fd: $0.connection, events: Int16(POLLIN), revents: 0) }
            var timeout: Int32 = 1_000
            if let nearest = pending.map(\.deadline).min() {
                let left = clock.now.duration(to: nearest).components
                let milliseconds = left.seconds * 1_000 + left.attoseconds / 1_000_000_000_000_000 + 1
                timeout = Int32(max(0, min(1_000, milliseconds)))
            }
            if poll(&descriptors, nfds_t(descriptors.count), timeout) < 0 && errno != EINTR { return }
            var done = IndexSet()
            for index in pending.indices where descriptors[index + 1].revents != 0 {
                if read(&pending[index], into: &buffer) { done.insert(index) }
            }
            let now = clock.now
            for index in pending.indices where !done.contains(index) && pending[index].deadline <= now {
                expire(pending[index])
                done.insert(index)
            }
            pending = pending.indices.filter { !done.contains($0) }.map { pending[$0] }
            if descriptors[0].revents != 0 {
                guard accept(into: &pending, deadline: now + .milliseconds(Int(seconds * 1_000))) else { return }
            }
        }
    }

    /// Accepts every connection waiting; false once the listening socket is shut down.
    private func accept(into pending: inout [Pending], deadline: ContinuousClock.Instant) -> Bool {
        while true {
            let connection = tutorial_accept_cloexec(listener)
            if connection < 0 {
                switch errno {
                case EINTR, ECONNABORTED: continue
                case EAGAIN, EWOULDBLOCK: return true
                case EMFILE, ENFILE:
                    // Out of descriptors: the oldest waiting connection makes room.
                    guard !pending.isEmpty else {
                        usleep(10_000)
                        return true
                    }
                    close(pending.removeFirst().connection)
                    continue
                default: return false
                }
            }
            if pending.count >= maxPending { close(pending.removeFirst().connection) }
            Self.setBlocking(connection, false)
            pending.append(Pending(connection: connection, deadline: deadline))
        }
    }

    /// Reads what arrived on one connection; true when it is done with (handed on or closed).
    private func read(_ item: inout Pending, into buffer: inout [UInt8]) -> Bool {
        let count = buffer.withUnsafeMutableBytes { recv(item.connection, $0.baseAddress, $0.count, 0) }
        if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) { return false }
        guard count > 0 else {
            close(item.connection)
            return true
        }
        if let head = item.head {
            item.body += buffer[..<min(count, item.bodyLength - item.body.count)]
            return finishBody(item, head)
        }
        switch item.reader.append(buffer[..<count]) {
        case .incomplete:
            return false
        case .refused(let status):
            hand(item.connection) { refuse($0, status, HTTPReply.reason(status)) }
            return true
        case .complete(let head):
            guard ["GET", "HEAD", "POST"].contains(head.method) else {
                hand(item.connection) { refuse($0, 405, "only GET, HEAD and POST") }
                return true
            }
            guard head.method == "POST", let length = head.headers["content-length"].flatMap({ Int($0) }) else {
                hand(item.connection) { complete($0, head, Data()) }
                return true
            }
            guard length >= 0, length <= maxBody else {
                hand(item.connection) { refuse($0, 413, "a request body may have \(maxBody / 1024) KB at most") }
                return true
            }
            item.head = head
            item.bodyLength = length
            item.body = Array(item.reader.bytes.dropFirst(item.reader.headLength).prefix(length))
            return finishBody(item, head)
        }
    }

    /// Hands the request on once its body is whole; true then.
    private func finishBody(_ item: Pending, _ head: HTTPRequestHead) -> Bool {
        guard item.body.count >= item.bodyLength else { return false }
        hand(item.connection) { complete($0, head, Data(item.body)) }
        return true
    }

    /// Ends a connection out of time: 408 to one that sent part of a request (if its socket
    /// takes it at once), nothing to one that sent nothing.
    private func expire(_ item: Pending) {
        if !item.reader.bytes.isEmpty {
            let reply = HTTPReply.text(408, "a request must arrive whole within \(seconds) s").encoded(headOnly: false)
            _ = reply.withUnsafeBytes { Glibc.send(item.connection, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT | MSG_NOSIGNAL)) }
        }
        close(item.connection)
    }

    private func hand(_ connection: Int32, to next: (Int32) -> Void) {
        Self.setBlocking(connection, true)
        next(connection)
    }

    static func setBlocking(_ descriptor: Int32, _ blocking: Bool) {
        let flags = fcntl(descriptor, F_GETFL)
        _ = fcntl(descriptor, F_SETFL, blocking ? flags & ~O_NONBLOCK : flags | O_NONBLOCK)
    }
}
