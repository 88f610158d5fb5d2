import FlyingFox
import Foundation

/// The notebook's side of `tutorial serve`: the run and stop endpoints behind ``NotebookGuard``,
/// and the script that gives served pages their Edit, Run, Stop and Reset controls. The static
/// site never has them.
public struct NotebookRoutes: Sendable {
    public let guardian: NotebookGuard
    public let runner: NotebookRunner

    public static let runPath = "/__tutorial/run"
    public static let stopPath = "/__tutorial/stop"
    public static let scriptPath = "/__tutorial/notebook.js"

    public init(guardian: NotebookGuard, runner: NotebookRunner) {
        self.guardian = guardian
        self.runner = runner
    }

    /// Adds the endpoints to `server`; they answer every method, so that a GET is refused
    /// plainly rather than not found.
    func register(on server: HTTPServer) async {
        await server.appendRoute(HTTPRoute(Self.runPath)) { [self] request in
            await run(request)
        }
        await server.appendRoute(HTTPRoute(Self.stopPath)) { [self] request in
            if let refusal = refusal(request) { return refusal }
            let body = (try? await request.bodyData) ?? Data()
            let id = (try? JSONSerialization.jsonObject(with: body) as? [String: Any])?["run"] as? String
            if let id { await runner.stop(id) }
            return Self.text(.ok, "stopped\n")
        }
        await server.appendRoute(HTTPRoute("GET \(Self.scriptPath)")) { _ in
            let url = Bundle.module.resourceURL?.appendingPathComponent("notebook/notebook.js")
            let script = url.flatMap { try? Data(contentsOf: $0) } ?? Data()
            return HTTPResponse(
                statusCode: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .init("Cache-Control"): "no-store"],
                body: script)
        }
    }

    /// The answer to a request the guard refuses, or nil.
    func refusal(_ request: HTTPRequest) -> HTTPResponse? {
        let headers = request.headers
        guard let (status, message) = guardian.refusal(
            method: request.method.rawValue, host: headers[.host], origin: headers[.init("Origin")],
            cookie: headers[.init("Cookie")], contentLength: headers[.contentLength]) else { return nil }
        var response = Self.text(HTTPStatusCode(status, phrase: Self.phrase(status)), message + "\n")
        if status == 405 { response.headers[.init("Allow")] = "POST" }
        return response
    }

    private func run(_ request: HTTPRequest) async -> HTTPResponse {
        if let refusal = refusal(request) { return refusal }
        guard let body = try? await request.bodyData, body.count <= NotebookGuard.bodyLimit,
              let parsed = try? JSONDecoder().decode(NotebookRequest.self, from: body) else {
            return Self.text(.badRequest, "a run request is JSON: {\"example\": NAME, \"cells\": {INDEX: CODE}}\n")
        }
        guard await runner.admit() else {
            return Self.text(.tooManyRequests, "too many runs at once: \(NotebookRunner.slots) run and \(NotebookRunner.queueLimit) wait; try again in a moment\n")
        }
        let stream = EventStream()
        let runner = self.runner
        Task {
            await runner.run(parsed) { stream.yield($0) }
            stream.finish()
        }
        return HTTPResponse(
            statusCode: .ok,
            headers: [.contentType: "application/x-ndjson; charset=utf-8", .init("Cache-Control"): "no-store",
                      .init("X-Content-Type-Options"): "nosniff"],
            body: HTTPBodySequence(from: stream))
    }

    /// The tag served pages get before `</body>`.
    static let pageTag = "<script src=\"\(scriptPath)\" defer></script>\n"

    static func text(_ status: HTTPStatusCode, _ message: String) -> HTTPResponse {
        HTTPResponse(statusCode: status, headers: [.contentType: "text/plain; charset=utf-8"], body: Data(message.utf8))
    }

    static func phrase(_ status: Int) -> String {
        switch status {
        case 403: "Forbidden"
        case 405: "Method Not Allowed"
        case 411: "Length Required"
        case 413: "Payload Too Large"
        default: "Error"
        }
    }
}
