import FlyingFox
import FlyingSocks
import Foundation
import Synchronization

/// Serves a built site on 127.0.0.1 and tells open pages when it changed: every HTML page gets a
/// small script that asks for the site's version once a second and reloads when it goes up.
public final class PreviewServer: Sendable {
    public let port: UInt16
    private let root: URL
    private let server: HTTPServer
    private let version = Mutex(0)
    /// The notebook's endpoints and checks, when the server runs code from its pages.
    public let notebook: NotebookRoutes?

    /// The path pages poll for the site's version.
    static let versionPath = "/__tutorial/version"

    public init(root: String, port: UInt16, notebook: NotebookRoutes? = nil) throws {
        self.port = port
        self.notebook = notebook
        self.root = URL(fileURLWithPath: root).standardizedFileURL
        server = HTTPServer(address: try sockaddr_in.inet(ip4: "127.0.0.1", port: port), logger: .disabled)
    }

    /// Serves until the task is cancelled.
    public func run() async throws {
        if let notebook { await notebook.register(on: server) }
        await server.appendRoute(HTTPRoute("GET \(Self.versionPath)")) { [self] request in
            if let refusal = foreignHost(request) { return refusal }
            return HTTPResponse(
                statusCode: .ok, headers: [.contentType: "text/plain", .init("Cache-Control"): "no-store"],
                body: Data("\(version.withLock { $0 })".utf8))
        }
        await server.appendRoute("GET *") { [self] request in
            if let refusal = foreignHost(request) { return refusal }
            if let notebook, let token = request.query.first(where: { $0.name == "token" })?.value {
                // The address `serve` printed: the token becomes a cookie, and leaves the address bar.
                guard notebook.guardian.tokenMatches(token) else { return NotebookRoutes.text(.forbidden, "wrong token\n") }
                return HTTPResponse(
                    statusCode: .seeOther,
                    headers: [.location: request.path, .init("Set-Cookie"): notebook.guardian.cookie, .init("Cache-Control"): "no-store"])
            }
            return response(for: request.path)
        }
        try await server.run()
    }

    /// Waits until the server accepts connections.
    public func waitUntilListening() async throws {
        try await server.waitUntilListening()
    }

    /// Tells open pages to reload.
    public func siteChanged() {
        version.withLock { $0 += 1 }
    }

    /// A refusal for a request that names another host than this server (a page of another
    /// site whose name was pointed at 127.0.0.1), or nil.
    func foreignHost(_ request: HTTPRequest) -> HTTPResponse? {
        let guardian = notebook?.guardian ?? NotebookGuard(port: port)
        return guardian.hostAllowed(request.headers[.host])
            ? nil : NotebookRoutes.text(.forbidden, "this server answers to 127.0.0.1:\(port) and localhost:\(port) only\n")
    }

    func response(for path: String) -> HTTPResponse {
        guard let file = file(for: path), let data = FileManager.default.contents(atPath: file.path) else {
            return HTTPResponse(statusCode: .notFound, headers: [.contentType: "text/plain"], body: Data("not found\n".utf8))
        }
        let type = Self.contentType(file.pathExtension)
        let body = file.pathExtension == "html"
            ? Self.withReloadScript(data, version: version.withLock { $0 }, extra: notebook == nil ? "" : NotebookRoutes.pageTag) : data
        return HTTPResponse(statusCode: .ok, headers: [.contentType: type, .init("Cache-Control"): "no-store"], body: body)
    }

    /// The file a request path names, never outside the site's folder.
    func file(for path: String) -> URL? {
        var relative = (path.removingPercentEncoding ?? path).split(separator: "?").first.map(String.init) ?? ""
        if relative.isEmpty || relative.hasSuffix("/") { relative += "index.html" }
        let file = root.appendingPathComponent(relative).standardizedFileURL
        guard file.path.hasPrefix(root.path + "/") else { return nil }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory) else { return nil }
        return isDirectory.boolValue ? file.appendingPathComponent("index.html") : file
    }

    static func contentType(_ fileExtension: String) -> String {
        switch fileExtension {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "swift", "txt": "text/plain; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
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
