import Foundation
import Synchronization

/// Serves a built site on 127.0.0.1 and tells open pages when it changed: every HTML page gets a
/// small script that asks for the site's version once a second and reloads when it goes up. With
/// a ``NotebookRoutes``, pages also become a notebook whose cells run on this machine.
public final class PreviewServer: Sendable {
    let port: UInt16
    private let root: URL
    private let server: HTTPSocketServer
    private let version = SiteVersion()
    /// The notebook's endpoints and checks, when the server runs code from its pages.
    let notebook: NotebookRoutes?

    /// The path pages poll for the site's version.
    static let versionPath = "/__tutorial/version"

    /// Listens on 127.0.0.1:`port` (0: any free port, then `port` says which); throws when it
    /// cannot.
    public init(root: String, port: UInt16, notebook: NotebookRoutes? = nil) throws {
        let root = URL(fileURLWithPath: root).standardizedFileURL
        let version = version
        let guardian = notebook?.guardian
        server = try HTTPSocketServer(port: port) { head, body in
            // Every request names this server, whatever it asks for (DNS rebinding).
            let guardian = guardian ?? NotebookGuard(port: port)
            guard guardian.hostAllowed(head.headers["host"]) else {
                return .reply(.text(403, "this server answers to 127.0.0.1:\(port) and localhost:\(port) only"))
            }
            if let notebook, let answer = notebook.answer(head, body: body) { return answer }
            guard head.method != "POST" else { return .reply(.text(405, "pages are read with GET")) }
            return .reply(Self.reply(to: head.target, root: root, version: version.value, notebook: notebook))
        }
        self.port = server.port
        self.root = root
        self.notebook = notebook
    }

    /// Serves until the task is cancelled.
    public func run() async throws {
        server.start()
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(3_600))
        }
        server.stop()
    }

    /// Tells open pages to reload.
    public func siteChanged() {
        version.increment()
    }

    static func reply(to target: String, root: URL, version: Int, notebook: NotebookRoutes? = nil) -> HTTPReply {
        if target.split(separator: "?", omittingEmptySubsequences: false).first == Substring(versionPath) {
            return HTTPReply(
                status: 200, headers: [("Content-Type", "text/plain"), ("Cache-Control", "no-store")],
                body: Data("\(version)".utf8))
        }
        guard let file = file(for: target, root: root), let data = FileManager.default.contents(atPath: file.path) else {
            return .text(404, "not found")
        }
        let type = contentType(file.pathExtension)
        let body = file.pathExtension == "html"
            ? withReloadScript(data, version: version, extra: notebook == nil ? "" : NotebookRoutes.pageTag) : data
        // No other site may frame the pages (and so click their Run buttons or feed them a token).
        return HTTPReply(
            status: 200, headers: [("Content-Type", type), ("Cache-Control", "no-store"), ("X-Frame-Options", "DENY"),
                                   ("Content-Security-Policy", "frame-ancestors 'none'")], body: body)
    }

    /// The file a request path names, never outside the site's folder.
    func file(for path: String) -> URL? {
        Self.file(for: path, root: root)
    }

    /// The file a request path names under `root`, never outside it.
    static func file(for path: String, root: URL) -> URL? {
        // The path of an origin-form target (`/a/b.html?query`), percent-decoded exactly once.
        let raw = path.prefix { $0 != "?" && $0 != "#" }
        guard raw.hasPrefix("/"), let decoded = String(raw).removingPercentEncoding,
              !decoded.contains("\0"), !decoded.contains("\\") else { return nil }
        var components = decoded.split(separator: "/").filter { $0 != "." }
        guard !components.contains("..") else { return nil }
        if components.isEmpty || decoded.hasSuffix("/") { components.append("index.html") }
        let base = root.resolvingSymlinksInPath().path
        var file = URL(fileURLWithPath: base).appendingPathComponent(components.joined(separator: "/"))
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory) else { return nil }
        if isDirectory.boolValue { file.appendPathComponent("index.html") }
        // Whatever links the site holds, the file served is inside it.
        let real = file.resolvingSymlinksInPath().path
        guard real.hasPrefix(base + "/"), FileManager.default.fileExists(atPath: real) else { return nil }
        return URL(fileURLWithPath: real)
    }

    static func contentType(_ fileExtension: String) -> String {
        switch fileExtension {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "swift", "txt": "text/plain; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "gif": "image/gif"
        case "webp": "image/webp"
        case "json": "application/json"
        default: "application/octet-stream"
        }
    }

    /// The page with the reload script before `</body>`.
    static func withReloadScript(_ page: Data, version: Int, extra: String = "") -> Data {
        let script = """
            <script>
            (function () {
              var seen = "\(version)";
              setInterval(function () {
                fetch("\(versionPath)", { cache: "no-store" }).then(function (response) { return response.text(); })
                  .then(function (now) { if (now !== seen) { location.reload(); } }, function () {});
              }, 1000);
            })();
            </script>

            """
        let html = String(decoding: page, as: UTF8.self)
        guard let end = html.range(of: "</body>", options: .backwards) else { return page }
        return Data((html[..<end.lowerBound] + script + extra + html[end.lowerBound...]).utf8)
    }
}

/// The site's version, which every rebuild increments.
final class SiteVersion: Sendable {
    private let counter = Mutex(0)

    var value: Int { counter.withLock { $0 } }

    func increment() { counter.withLock { $0 += 1 } }
}
