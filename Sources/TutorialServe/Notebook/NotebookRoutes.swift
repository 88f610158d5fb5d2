import Foundation
import TutorialSupport

/// The notebook's side of `tutorial serve`: the run and stop endpoints behind ``NotebookGuard``,
/// and the script that gives served pages their Edit, Run, Stop and Reset controls. The static
/// site never has them.
public struct NotebookRoutes: Sendable {
    public let guardian: NotebookGuard
    let runner: NotebookRunner
    /// The places for runs: taken when a request is admitted, given back when its answer ends.
    let admission = RunAdmission(limit: NotebookRunner.slots + NotebookRunner.queueLimit)

    static let runPath = "/__tutorial/run"
    static let stopPath = "/__tutorial/stop"
    static let scriptPath = "/__tutorial/notebook.js"

    /// The notebook's script: its shipped files, in order, as one strict function of their own.
    static var script: Data {
        var text = "(function () {\n  \"use strict\";\n"
        for name in ["states.js", "notebook.js"] {
            let url = ShippedResources.url("notebook/\(name)")
            text += url.flatMap { try? String(contentsOf: $0, encoding: .utf8) } ?? "  throw new Error(\"notebook/\(name) is missing\");\n"
            text += "\n"
        }
        return Data((text + "})();\n").utf8)
    }

    public init(guardian: NotebookGuard, runner: NotebookRunner) {
        self.guardian = guardian
        self.runner = runner
    }

    /// The answer to a request for one of the notebook's paths, or nil for any other path. The
    /// run and stop endpoints answer every method, so that a GET is refused plainly.
    func answer(_ head: HTTPRequestHead, body: Data) -> HTTPAnswer? {
        let path = String(head.target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        switch path {
        case Self.scriptPath:
            return .reply(HTTPReply(
                status: 200, headers: [("Content-Type", "text/javascript; charset=utf-8"), ("Cache-Control", "no-store")],
                body: Self.script))
        case Self.stopPath:
            if let refusal = refusal(head) { return .reply(refusal) }
            let id = (try? JSONDecoder().decode(StopRequest.self, from: body))?.run
            let runner = runner
            return .stream(headers: [("Content-Type", "text/plain; charset=utf-8")]) { writer in
                if let id { await runner.stop(id) }
                writer.write(Data("stopped\n".utf8))
            }
        case Self.runPath:
            if let refusal = refusal(head) { return .reply(refusal) }
            guard let request = try? JSONDecoder().decode(NotebookRequest.self, from: body) else {
                return .reply(.text(400, "a run request is JSON: {\"example\": NAME, \"cells\": {INDEX: CODE}}"))
            }
            let runner = runner
            // Taking the place and checking the limit are one step: simultaneous requests
            // cannot all see room.
            guard let ticket = admission.enter() else {
                return .reply(.text(429, "too many runs at once: \(NotebookRunner.slots) run and \(NotebookRunner.queueLimit) wait; try again in a moment"))
            }
            let headers = [("Content-Type", "application/x-ndjson; charset=utf-8"), ("Cache-Control", "no-store"),
                           ("X-Content-Type-Options", "nosniff")]
            return .stream(headers: headers) { writer in
                await runner.run(request) { Self.send($0, to: writer) }
                ticket.leave()
            }
        default:
            return nil
        }
    }

    /// Sends one event as a line of JSON; false once the page has gone.
    @discardableResult
    static func send(_ event: NotebookEvent, to writer: ChunkWriter) -> Bool {
        writer.write(event.line)
    }

    /// What a page sends to stop a run: the name it gave the run.
    private struct StopRequest: Decodable {
        var run: String
    }

    /// The refusal of a run or stop request that the guard turns down, or nil.
    func refusal(_ head: HTTPRequestHead) -> HTTPReply? {
        guard let (status, message) = guardian.refusal(
            method: head.method, host: head.headers["host"], origin: head.headers["origin"],
            token: head.headers[NotebookGuard.headerName], contentLength: head.headers["content-length"]) else { return nil }
        var reply = HTTPReply.text(status, message)
        if status == 405 { reply.headers.append(("Allow", "POST")) }
        return reply
    }

    /// The tag served pages get before `</body>`.
    static let pageTag = "<script src=\"\(scriptPath)\" defer></script>\n"
}
