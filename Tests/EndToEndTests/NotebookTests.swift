import TestSupport
import Foundation
import Testing

/// `tutorial serve` runs code that arrives over HTTP: every request that lacks the token, comes
/// from another origin or host, is not a POST or is too large is refused before anything is
/// compiled; a request that passes them runs, with its output streamed as it is printed.
@Suite(.serialized) struct NotebookTests {
    /// A served copy of the notebook fixture book, with the address `serve` printed.
    final class Server {
        let book: URL
        let process = Process()
        let port = Int.random(in: 20_000...40_000)
        var url = ""

        init(options: [String] = []) throws {
            book = try TestSupport.copyFixture("notebook")
            process.executableURL = ToolProcess.executable
            process.arguments = ["serve", "--port", "\(port)"] + options
            process.currentDirectoryURL = book
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            var text = ""
            let deadline = Date().addingTimeInterval(120)
            while !text.contains("?token=") && Date() < deadline {
                let chunk = errors.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                text += String(decoding: chunk, as: UTF8.self)
            }
            url = text.firstMatch(of: /http:\/\/127\.0\.0\.1:[0-9]+\/\?token=[0-9a-f]+/).map { String($0.0) } ?? ""
        }

        var token: String { String(url.split(separator: "=").last ?? "") }
        var origin: String { "http://127.0.0.1:\(port)" }
        var notebookPrograms: URL { book.appendingPathComponent(".tutorial-cache/notebook") }

        deinit {
            process.terminate()
            process.waitUntilExit()
        }
    }

    /// Sends a request with curl, headers as given, and returns the status and body.
    static func curl(_ arguments: [String]) throws -> (status: Int, body: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["curl", "-s", "-N", "--max-time", "60", "-w", "\n%{http_code}"] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let status = Int(text.split(separator: "\n").last ?? "") ?? 0
        return (status, String(text.dropLast(String(status).count)))
    }

    static let body = #"{"example":"notebook","cells":{"0":"print(\"from the request\")"}}"#

    @Test func everyRefusalComesBeforeAnythingRuns() throws {
        let server = try Server()
        #expect(server.url.contains("?token="), "serve printed no address")
        let run = "\(server.origin)/__tutorial/run"
        let good = ["-H", "Origin: \(server.origin)", "-H", "Cookie: tutorial_token=\(server.token)"]
        let large = server.book.appendingPathComponent("large-body.json")
        try Data(repeating: UInt8(ascii: "x"), count: 300_000).write(to: large)
        let cases: [(String, [String], Int)] = [
            ("no token", ["-X", "POST", "-H", "Origin: \(server.origin)", "--data", Self.body, run], 403),
            ("a wrong token", ["-X", "POST", "-H", "Origin: \(server.origin)", "-H", "Cookie: tutorial_token=\(String(server.token.reversed()))", "--data", Self.body, run], 403),
            ("a token one digit short", ["-X", "POST", "-H", "Origin: \(server.origin)", "-H", "Cookie: tutorial_token=\(server.token.dropLast())", "--data", Self.body, run], 403),
            ("another origin", ["-X", "POST", "-H", "Origin: http://example.com", "-H", "Cookie: tutorial_token=\(server.token)", "--data", Self.body, run], 403),
            ("no origin", ["-X", "POST", "-H", "Cookie: tutorial_token=\(server.token)", "--data", Self.body, run], 403),
            ("another host", ["-X", "POST", "-H", "Host: attacker.example:\(server.port)"] + good + ["--data", Self.body, run], 403),
            ("a GET", ["-X", "GET"] + good + [run], 405),
            ("a body too large", ["-X", "POST"] + good + ["--data-binary", "@\(large.path)", run], 413),
        ]
        for (name, arguments, status) in cases {
            let answer = try Self.curl(arguments)
            #expect(answer.status == status, "\(name): \(answer.status) \(answer.body)")
        }
        // A page asked for by another name is refused too (DNS rebinding).
        #expect(try Self.curl(["-H", "Host: attacker.example", "\(server.origin)/notebook.html"]).status == 403)
        #expect(!FileManager.default.fileExists(atPath: server.notebookPrograms.path), "something was compiled")

        // The same request with the token, from the server's origin, runs.
        let answer = try Self.curl(["-X", "POST"] + good + ["--data", Self.body, run])
        #expect(answer.status == 200)
        #expect(answer.body.contains(#""text":"from the request""#), "\(answer.body)")
        #expect(FileManager.default.fileExists(atPath: server.notebookPrograms.path))
    }

    @Test func theAddressWithTheTokenSetsAStrictCookie() throws {
        let server = try Server()
        let answer = try Self.curl(["-i", server.url])
        #expect(answer.status == 303)
        #expect(answer.body.contains("Set-Cookie: tutorial_token=\(server.token); Path=/; HttpOnly; SameSite=Strict"))
        #expect(try Self.curl(["-i", "\(server.origin)/?token=\(String(repeating: "0", count: 64))"]).status == 403)
        // Served pages load the notebook; the static site's pages do not.
        let page = try Self.curl(["\(server.origin)/notebook.html"]).body
        #expect(page.contains("/__tutorial/notebook.js"))
        let file = try String(contentsOf: server.book.appendingPathComponent("site/notebook.html"), encoding: .utf8)
        #expect(!file.contains("notebook.js"))
    }

    @Test func compileErrorsArePlacedInTheEditedCell() throws {
        let server = try Server()
        let body = #"{"example":"notebook","cells":{"0":"print(1)\nlet n: Int = \"text\""}}"#
        let answer = try Self.curl(["-X", "POST", "-H", "Origin: \(server.origin)", "-H", "Cookie: tutorial_token=\(server.token)", "--data", body, "\(server.origin)/__tutorial/run"])
        #expect(answer.body.contains(#""column":14"#) && answer.body.contains(#""line":2"#), "\(answer.body)")
        #expect(answer.body.contains("cannot convert value of type 'String' to specified type 'Int'"))
    }

    /// Two examples compile or run at once; a third waits for a free slot, and says so.
    @Test func aThirdRunWaitsForOneOfTheTwoSlots() throws {
        let server = try Server()
        let body = #"{"example":"notebook","cells":{"0":"import Foundation\nprint(\"slot\")\nThread.sleep(forTimeInterval: 1.5)"}}"#
        let arguments = ["-X", "POST", "-H", "Origin: \(server.origin)", "-H", "Cookie: tutorial_token=\(server.token)",
                         "--data", body, "\(server.origin)/__tutorial/run"]
        // Compiled once beforehand, so that the three runs overlap.
        _ = try Self.curl(arguments)
        // Three requests at once, each from a process of its own.
        let requests = try (0..<3).map { _ in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["curl", "-s", "-N", "--max-time", "60"] + arguments
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            return (process, output)
        }
        let bodies = requests.map { process, output in
            let body = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return body
        }
        #expect(bodies.count == 3)
        #expect(bodies.allSatisfy { $0.contains(#""text":"slot""#) })
        #expect(bodies.filter { $0.contains(#""event":"queued""#) }.count == 1, "\(bodies)")
    }

    /// A run from the page is held to the limits a build applies, `--memory-limit` among them.
    @Test func notebookRunsApplyTheMemoryLimit() throws {
        let server = try Server(options: ["--memory-limit", "256M"])
        let code = [
            "import Glibc", "let size = 400 << 20",
            "let memory = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0)!",
            "for offset in stride(from: 0, to: size, by: 4096) { memory.storeBytes(of: 1, toByteOffset: offset, as: UInt8.self) }",
            "print(\"touched\")",
        ].joined(separator: "\\n").replacingOccurrences(of: "\"", with: "\\\"")
        let body = #"{"example":"notebook","cells":{"0":"\#(code)"}}"#
        let answer = try Self.curl(["-X", "POST", "-H", "Origin: \(server.origin)", "-H", "Cookie: tutorial_token=\(server.token)",
                                    "--data", body, "\(server.origin)/__tutorial/run"])
        #expect(answer.status == 200)
        #expect(answer.body.contains("exceeded the memory limit (256 MiB)"), "\(answer.body)")
        #expect(!answer.body.contains(#""text":"touched""#))
    }
}
