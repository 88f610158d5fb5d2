import TestSupport
import Foundation
import Synchronization
import Testing

/// nginx with its WebDAV module (PUT), serving a fresh folder on 127.0.0.1 and a free port:
/// the HTTP cache server of the remote cache tests. `.ci/run` installs it; outside CI the tests
/// that need it are skipped when it is absent.
final class NginxServer: @unchecked Sendable {
    static let binary = ["/usr/sbin/nginx", "/usr/bin/nginx"].first { FileManager.default.isExecutableFile(atPath: $0) }
    /// In CI the tests run whether nginx is there or not: its absence is a failure.
    static let required = ProcessInfo.processInfo.environment["CI"] == "true"

    let folder: URL
    let port: UInt16
    private let process = Process()

    /// The folder the server stores entries in.
    var data: URL { folder.appendingPathComponent("data") }
    var url: String { "http://127.0.0.1:\(port)/" }

    init() throws {
        guard let binary = Self.binary else {
            throw Failure(description: "nginx is not installed (apt-get install nginx-light)")
        }
        folder = try TestSupport.temporaryDirectory("nginx")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("data"), withIntermediateDirectories: true)
        port = try Self.freePort()
        let path = folder.path
        let temporaries = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map { "  \($0)_temp_path \(path)/\($0);" }.joined(separator: "\n")
        let configuration = """
            daemon off;
            master_process off;
            worker_processes 1;
            pid \(path)/nginx.pid;
            error_log \(path)/error.log;
            events { worker_connections 256; }
            http {
              access_log off;
            \(temporaries)
              server {
                listen 127.0.0.1:\(port);
                root \(path)/data;
                client_max_body_size 0;
                location / { dav_methods PUT; create_full_put_path on; dav_access user:rw group:r all:r; }
                location /broken/ { return 503; }
                location /forbidden/ { return 403; }
              }
            }
            """
        try configuration.write(to: folder.appendingPathComponent("nginx.conf"), atomically: true, encoding: .utf8)
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["-p", path, "-c", "\(path)/nginx.conf", "-e", "\(path)/error.log"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Self.running.withLock { _ = $0.insert(process.processIdentifier) }
        _ = Self.killedAtExit
        let deadline = Date().addingTimeInterval(10)
        while !Self.accepts(port) {
            guard Date() < deadline, process.isRunning else {
                stop()
                let log = (try? String(contentsOf: folder.appendingPathComponent("error.log"), encoding: .utf8)) ?? ""
                throw Failure(description: "nginx did not start: \(log)")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// Stops the server (this process only) and waits for it. SIGKILL: nginx without a master
    /// process keeps the signal mask it inherits, in which the test runner's threads block SIGTERM.
    func stop() {
        Self.running.withLock { _ = $0.remove(process.processIdentifier) }
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// The servers not stopped yet. A server held for the whole run (a suite's `static let`) is
    /// never deinitialized: these are killed when the test process exits, so none outlives it.
    private static let running = Mutex<Set<pid_t>>([])
    private static let killedAtExit: Void = {
        atexit { NginxServer.running.withLock { $0.forEach { _ = kill($0, SIGKILL) } } }
    }()

    deinit { stop() }

    /// Every file the server stores, by path below its folder.
    func files() -> [String] {
        (FileManager.default.enumerator(atPath: data.path)?.allObjects as? [String] ?? []).filter { path in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: data.appendingPathComponent(path).path, isDirectory: &isFolder) && !isFolder.boolValue
        }.sorted()
    }

    struct Failure: Error, CustomStringConvertible { var description: String }

    /// A port nothing listens on now: the kernel's pick for a socket bound to port 0.
    static func freePort() throws -> UInt16 {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        guard bound else { throw Failure(description: "no free port") }
        return UInt16(bigEndian: address.sin_port)
    }

    static func accepts(_ port: UInt16) -> Bool {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = port.bigEndian
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}
