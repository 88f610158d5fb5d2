import TestSupport
import Foundation
import Testing

/// The notebook's token is never a cookie (browsers send a cookie of 127.0.0.1 to every port of
/// it, so any other local server would get it): the server sets none and accepts none, and takes
/// the token only from the `X-Tutorial-Token` header, so that several serves work side by side.
@Suite(.serialized, .enabled(if: Tools.curl || Tools.inCI, "curl is not installed")) struct NotebookTokenTests {
    typealias Server = NotebookTests.Server

    /// The `Set-Cookie` headers of an answer read with `curl -i`: each cookie's `name=value`.
    static func setCookies(_ answer: String) -> [String] {
        answer.split(separator: "\r\n").compactMap { line in
            guard line.lowercased().hasPrefix("set-cookie:") else { return nil }
            return String(line.dropFirst("set-cookie:".count).split(separator: ";").first ?? "").trimmingCharacters(in: .whitespaces)
        }
    }

    @Test func noCookieEverLetsARequestRunCode() throws {
        let server = try Server()
        #expect(server.url.hasSuffix("/#token=\(server.token)") && server.token.count == 64, "serve printed \(server.url)")
        let run = "\(server.origin)/__tutorial/run"
        // Whatever a browser asks for, the old `?token=` address included, no cookie is set.
        var cookies: [String] = []
        for path in ["/", "/notebook.html", "/?token=\(server.token)", "/notebook.html?token=\(server.token)",
                     "/__tutorial/notebook.js", "/__tutorial/version"] {
            let answer = try NotebookTests.curl(["-i", server.origin + path])
            #expect(answer.status == 200, "\(path): \(answer.status)")
            cookies += Self.setCookies(answer.body)
        }
        #expect(cookies.isEmpty, "cookies set: \(cookies)")

        // Every cookie the server ever set (the old one held the token), replayed with the
        // server's own Origin and Host as any local client can forge them: nothing runs.
        let replayed = Set(cookies + ["tutorial_token=\(server.token)"])
        for cookie in replayed {
            for name in ["127.0.0.1", "localhost"] {
                let answer = try NotebookTests.curl([
                    "-X", "POST", "-H", "Host: \(name):\(server.port)", "-H", "Origin: http://\(name):\(server.port)",
                    "-H", "Cookie: \(cookie)", "--data", NotebookTests.body, run])
                #expect(answer.status == 403, "\(cookie) as \(name): \(answer.status) \(answer.body)")
            }
        }
        #expect(!FileManager.default.fileExists(atPath: server.notebookPrograms.path), "a replayed cookie compiled something")

        // The token in its header runs, and the answer sets no cookie either.
        let answer = try NotebookTests.curl(["-i", "-X", "POST"] + server.good + ["--data", NotebookTests.body, run])
        #expect(answer.status == 200)
        #expect(answer.body.contains(#""text":"from the request""#), "\(answer.body)")
        #expect(Self.setCookies(answer.body).isEmpty)
        // Served pages cannot be framed by another site.
        let page = try NotebookTests.curl(["-i", "\(server.origin)/notebook.html"]).body
        #expect(page.contains("X-Frame-Options: DENY") && page.contains("/__tutorial/notebook.js"))
        let file = try String(contentsOf: server.book.appendingPathComponent("site/notebook.html"), encoding: .utf8)
        #expect(!file.contains("notebook.js"), "the static site loads the notebook")
    }

    /// Both addresses opened in one browser: its cookie jar (one for host 127.0.0.1, whatever the
    /// port, as browsers keep it) goes with every request, the token as each page holds it for its
    /// own origin. Each serve runs its page's requests and refuses the other's token.
    @Test func twoServesWorkSideBySide() throws {
        let first = try Server()
        let second = try Server()
        #expect(first.port != second.port && first.token != second.token)
        let jar = first.book.appendingPathComponent("cookies.txt").path
        for server in [first, second] {
            #expect(try NotebookTests.curl(["-L", "-c", jar, "-b", jar, server.url]).status == 200)
        }
        for (server, other) in [(first, second), (second, first)] {
            let run = "\(server.origin)/__tutorial/run"
            let own = try NotebookTests.curl([
                "-b", jar, "-X", "POST", "-H", "Origin: \(server.origin)", "-H", "X-Tutorial-Token: \(server.token)", "--data", NotebookTests.body, run])
            #expect(own.status == 200 && own.body.contains(#""text":"from the request""#), "own token: \(own.status) \(own.body)")
            let foreign = try NotebookTests.curl([
                "-b", jar, "-X", "POST", "-H", "Origin: \(server.origin)", "-H", "X-Tutorial-Token: \(other.token)", "--data", NotebookTests.body, run])
            #expect(foreign.status == 403, "the other serve's token: \(foreign.status) \(foreign.body)")
        }
    }
}
