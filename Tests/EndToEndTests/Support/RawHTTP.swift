import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// HTTP over a plain socket, bytes exactly as given: no client library normalizes the path.
enum RawHTTP {
    /// A socket connected to 127.0.0.1:`port`, with send and receive timeouts; nil when the
    /// connection is refused.
    static func connect(port: Int, timeout: Int = 10) -> Int32? {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        var time = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(descriptor)
            return nil
        }
        return descriptor
    }

    /// Sends all of `bytes`, or as much as the peer takes in `seconds`.
    static func send(_ descriptor: Int32, _ bytes: [UInt8], seconds: Double = 10) {
        let deadline = Date().addingTimeInterval(seconds)
        var sent = 0
        while sent < bytes.count && Date() < deadline {
            let count = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL)) }
            if count <= 0 { return }
            sent += count
        }
    }

    /// What the peer sends until it closes the connection, or what came in `seconds`.
    static func receiveAll(_ descriptor: Int32, seconds: Double = 10) -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while Date() < deadline {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            data += buffer[..<count]
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Sends `request` on a new connection and returns the whole answer (nil: no connection).
    static func exchange(port: Int, _ request: [UInt8], timeout: Int = 5) -> String? {
        guard let descriptor = connect(port: port, timeout: timeout) else { return nil }
        defer { close(descriptor) }
        send(descriptor, request, seconds: Double(timeout))
        return receiveAll(descriptor, seconds: Double(timeout))
    }

    /// `GET target` sent as is, with a Host header.
    static func get(port: Int, _ target: String) -> String? {
        exchange(port: port, Array("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n".utf8))
    }

    /// The status code of a response, or nil.
    static func status(_ response: String?) -> Int? {
        guard let line = response?.split(separator: "\r\n").first else { return nil }
        let parts = line.split(separator: " ")
        return parts.count >= 2 ? Int(parts[1]) : nil
    }
}
