import TestSupport
import Foundation
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `tutorial serve` runs code that arrives over HTTP: every request that lacks the token, comes
/// from another origin or host, is not a POST or is too large is refused before anything is
/// compiled; a request that passes them runs, with its output streamed as it is printed.
@Suite(.serialized, .enabled(if: Tools.curl || Tools.inCI, "curl is not installed")) struct NotebookTests {
    /// A served copy of the notebook fixture book, with the address `serve` printed.
    final class Server {
        let book: URL
        private(set) var process = Process()
        private(set) var port = 0
        var url = ""
        /// What `serve` printed before its address: the first build's diagnostics among it.
        var startup = ""

        /// Serves a copy of `fixture`, or `copy` when given (a book copied already). Servers of
        /// suites that run at once pick their ports at random: one that finds its port taken
        /// tries another.
        init(fixture: String = "notebook", copy: URL? = nil, environment: [String: String] = [:], options: [String] = []) throws {
            book = try copy ?? TestSupport.copyFixture(fixture)
            for _ in 0..<5 {
                port = Int.random(in: 20_000...40_000)
                process = Process()
                process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
                process.executableURL = ToolProcess.executable
                process.arguments = ["serve", "--port", "\(port)"] + options
                process.currentDirectoryURL = book
                let errors = Pipe()
                process.standardError = errors
                process.standardOutput = FileHandle.nullDevice
                try process.run()
                var text = ""
                let deadline = Date().addingTimeInterval(120)
                while !text.contains("#token=") && Date() < deadline {
                    let chunk = errors.fileHandleForReading.availableData
                    if chunk.isEmpty { break }
                    text += String(decoding: chunk, as: UTF8.self)
                }
                startup = text
                url = text.firstMatch(of: /http:\/\/127\.0\.0\.1:[0-9]+\/#token=[0-9a-f]+/).map { String($0.0) } ?? ""
                guard url.isEmpty, text.contains("cannot listen on 127.0.0.1:\(port)") else { return }
                process.waitUntilExit()
            }
        }

        var token: String { String(url.split(separator: "=").last ?? "") }
        var origin: String { "http://127.0.0.1:\(port)" }
        /// The headers of a run request from the server's own page.
        var good: [String] { ["-H", "Origin: \(origin)", "-H", "X-Tutorial-Token: \(token)"] }
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
        #expect(server.url.contains("/#token="), "serve printed no address")
        let run = "\(server.origin)/__tutorial/run"
        let good = server.good
        let large = server.book.appendingPathComponent("large-body.json")
        try Data(repeating: UInt8(ascii: "x"), count: 300_000).write(to: large)
        let cases: [(String, [String], Int)] = [
            ("no token", ["-X", "POST", "-H", "Origin: \(server.origin)", "--data", Self.body, run], 403),
            ("a wrong token", ["-X", "POST", "-H", "Origin: \(server.origin)", "-H", "X-Tutorial-Token: \(String(server.token.reversed()))", "--data", Self.body, run], 403),
            ("a token one digit short", ["-X", "POST", "-H", "Origin: \(server.origin)", "-H", "X-Tutorial-Token: \(server.token.dropLast())", "--data", Self.body, run], 403),
            ("another origin", ["-X", "POST", "-H", "Origin: http://example.com", "-H", "X-Tutorial-Token: \(server.token)", "--data", Self.body, run], 403),
            ("no origin", ["-X", "POST", "-H", "X-Tutorial-Token: \(server.token)", "--data", Self.body, run], 403),
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

    @Test func compileErrorsArePlacedInTheEditedCell() throws {
        let server = try Server()
        let body = #"{"example":"notebook","cells":{"0":"print(1)\nlet n: Int = \"text\""}}"#
        let answer = try Self.curl(["-X", "POST"] + server.good + ["--data", body, "\(server.origin)/__tutorial/run"])
        #expect(answer.body.contains(#""column":14"#) && answer.body.contains(#""line":2"#), "\(answer.body)")
        #expect(answer.body.contains("cannot convert value of type 'String' to specified type 'Int'"))
    }

    /// Two examples compile or run at once; a third waits for a free slot, and says so.
    @Test func aThirdRunWaitsForOneOfTheTwoSlots() throws {
        let server = try Server()
        let body = #"{"example":"notebook","cells":{"0":"import Foundation\nprint(\"slot\")\nThread.sleep(forTimeInterval: 1.5)"}}"#
        let arguments = ["-X", "POST"] + server.good + ["--data", body, "\(server.origin)/__tutorial/run"]
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

    /// What has arrived on a connection so far, without waiting.
    static func arrived(_ connection: Int32) -> String {
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if count <= 0 { break }
            data += buffer[..<count]
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Twenty run requests at once: two run, six wait, the rest get 429, however close together
    /// they arrive (taking a place and checking the limit are one step).
    @Test func twentyRunsAtOnceAdmitTwoRunningAndSixWaiting() throws {
        let server = try Server()
        let release = server.book.appendingPathComponent("release")
        // Each run prints, then waits until the test lets it end (at most 25 s, within the run's
        // time limit: long enough that none ends on its own before the test has looked).
        let code = "import Foundation\nprint(\"admitted\")\nvar waited = 0\n"
            + "while !FileManager.default.fileExists(atPath: \"\(release.path)\") && waited < 500 { Thread.sleep(forTimeInterval: 0.05); waited += 1 }"
        let body = try JSONSerialization.data(withJSONObject: ["example": "notebook", "cells": ["0": code]])
        // Compiled once beforehand, so that the runs start at once.
        #expect(FileManager.default.createFile(atPath: release.path, contents: nil))
        let first = try Self.curl(["-X", "POST"] + server.good + ["--data-binary", String(decoding: body, as: UTF8.self), "\(server.origin)/__tutorial/run"])
        #expect(first.body.contains(#""text":"admitted""#), "\(first.body)")
        try FileManager.default.removeItem(at: release)

        let request = Array(("POST /__tutorial/run HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\nOrigin: \(server.origin)\r\n"
            + "X-Tutorial-Token: \(server.token)\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n").utf8) + Array(body)
        // Twenty connections, opened first; then twenty threads send their requests together.
        let connections = (0..<20).compactMap { _ in RawHTTP.connect(port: server.port, timeout: 30) }
        #expect(connections.count == 20)
        let answers = Mutex<[(connection: Int32, status: Int?)]>([])
        let go = DispatchSemaphore(value: 0)
        let group = DispatchGroup()
        for connection in connections {
            group.enter()
            Thread {
                go.wait()
                RawHTTP.send(connection, request)
                // The status line comes at once, for a run that waits as for one refused.
                var head = [UInt8]()
                var byte: UInt8 = 0
                while !head.suffix(2).elementsEqual([13, 10]) && recv(connection, &byte, 1, 0) == 1 { head.append(byte) }
                answers.withLock { $0.append((connection, RawHTTP.status(String(decoding: head, as: UTF8.self)))) }
                group.leave()
            }.start()
        }
        for _ in connections { go.signal() }
        group.wait()
        let all = answers.withLock { $0 }
        defer { all.forEach { close($0.connection) } }
        let admitted = all.filter { $0.status == 200 }.map(\.connection)
        #expect(all.count == 20 && all.allSatisfy { $0.status == 200 || $0.status == 429 }, "\(all.map(\.status))")
        #expect(admitted.count <= NotebookRunnerLimits.slots + NotebookRunnerLimits.queue, "\(admitted.count) of 20 runs admitted")
        #expect(!admitted.isEmpty)
        print("twenty runs at once: \(admitted.count) admitted, \(all.filter { $0.status == 429 }.count) refused with 429")
        // While the admitted runs are held, at most two of them have started.
        Thread.sleep(forTimeInterval: 2)
        var bodies = admitted.map { Self.arrived($0) }
        #expect(bodies.filter { $0.contains(#""text":"admitted""#) }.count <= NotebookRunnerLimits.slots, "\(bodies)")
        #expect(FileManager.default.createFile(atPath: release.path, contents: nil))
        bodies = zip(bodies, admitted).map { $0 + RawHTTP.receiveAll($1, seconds: 60) }
        #expect(bodies.allSatisfy { $0.contains(#""text":"admitted""#) }, "\(bodies)")
        #expect(bodies.filter { $0.contains(#""event":"queued""#) }.count <= NotebookRunnerLimits.queue, "\(bodies)")
    }

    /// The promise of the guide's notebook chapter (Security): two runs at once, six more waiting.
    enum NotebookRunnerLimits {
        static let slots = 2
        static let queue = 6
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
        let answer = try Self.curl(["-X", "POST"] + server.good + ["--data", body, "\(server.origin)/__tutorial/run"])
        #expect(answer.status == 200)
        #expect(answer.body.contains("exceeded the memory limit (256 MiB)"), "\(answer.body)")
        #expect(!answer.body.contains(#""text":"touched""#))
    }
}
