import TestSupport
import Foundation
import Testing
@testable import TutorialSupport

/// Whoever can write to the remote cache's store cannot make a reader run a program or publish an
/// output: the store is tampered with here without knowing its format (every executable blob
/// replaced, every printed number changed, every hash in `/ac/` rewritten to match), and nothing
/// tampered runs or reaches a page.
@Suite(.serialized, .enabled(if: NginxServer.binary != nil || NginxServer.required, "nginx is not installed"))
struct RemoteCacheTamperTests {
    let tests = RemoteCacheTests()

    /// Replaces each blob in `/cas/`: executables (ELF or `#!`) by a script of the same size that
    /// leaves `marker` and prints FORGED, and every other blob holding " says " (a printed line) by
    /// a copy saying " lies ". Then rewrites every old hash found in `/ac/` to the new one. Returns how many
    /// executables and other blobs it replaced.
    func tamper(_ server: NginxServer, marker: URL) throws -> (executables: Int, outputs: Int) {
        var renamed: [String: String] = [:]
        var counts = (executables: 0, outputs: 0)
        for path in server.files() where path.hasPrefix("cas/") {
            let url = server.data.appendingPathComponent(path)
            let data = try Data(contentsOf: url)
            var forged: Data
            if data.starts(with: [0x7f, 0x45, 0x4c, 0x46]) || data.starts(with: Array("#!".utf8)) {
                let script = Data("#!/bin/sh\necho FORGED\ntouch '\(marker.path)'\nexit 0\n#".utf8)
                try #require(script.count < data.count)
                forged = script + Data(repeating: UInt8(ascii: "x"), count: data.count - script.count)
                counts.executables += 1
            } else if let text = String(data: data, encoding: .utf8), text.contains(" says ") {
                forged = Data(text.replacingOccurrences(of: " says ", with: " lies ").utf8)
                counts.outputs += 1
            } else {
                continue
            }
            let oldHash = String(path.dropFirst(4))
            let newHash = SHA256Digest.hex(forged)
            try forged.write(to: server.data.appendingPathComponent("cas/\(newHash)"))
            chmod(server.data.appendingPathComponent("cas/\(newHash)").path, 0o644)
            renamed[oldHash] = newHash
        }
        for path in server.files() where path.hasPrefix("ac/") {
            let url = server.data.appendingPathComponent(path)
            var text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
            for (old, new) in renamed { text = text.replacingOccurrences(of: old, with: new) }
            try Data(text.utf8).write(to: url)
        }
        return counts
    }

    func siteText(_ book: URL, _ cache: String) throws -> String {
        try tests.pages(book, cache).values.map { String(decoding: $0, as: UTF8.self) }.joined()
    }

    @Test func aTamperedStoreRunsNothingAndPublishesNothing() throws {
        let server = try NginxServer()
        let book = try SharingBook.make(chapters: 2)
        let marker = book.appendingPathComponent("tampered-program-ran")
        let (a, _) = try tests.build(book, cache: "machine-a", server: server)
        #expect(a.status == 0, "\(a.stderr)")
        let counts = try tamper(server, marker: marker)
        #expect(counts.executables == 2, "both programs were replaced")
        #expect(counts.outputs >= 2, "both results were forged")

        // A fan-in renders only from the cache: it must not publish the forged outputs.
        let fanIn = try ToolProcess.run(
            ["build", "--cache-dir", "fan-in", "--output", "site-fan-in", "--remote-cache", server.url, "--cached-only"],
            in: book, environment: RemoteCacheTests.key)
        #expect(fanIn.status == 1, "\(fanIn.stderr)")
        #expect(!FileManager.default.fileExists(atPath: book.appendingPathComponent("site-fan-in").path), "no site")
        #expect(fanIn.stderr.contains("failed authentication"), "\(fanIn.stderr)")

        // A build with an empty local cache compiles and runs everything itself (`--rerun`, so
        // that a tampered program would run even where a tampered result could stand in for it).
        let (b, report) = try tests.build(book, cache: "machine-b", server: server, ["--rerun"])
        #expect(b.status == 0, "\(b.stderr)")
        #expect(!FileManager.default.fileExists(atPath: marker.path), "a tampered program ran")
        #expect(Set(report.compiled).isSuperset(of: ["chapter1", "chapter2"]) && report.ran.count == 2, "\(report.compiled) \(report.ran)")
        let text = try siteText(book, "machine-b")
        #expect(text.contains("chapter 1 says 7") && text.contains("chapter 2 says 14"))
        #expect(!text.contains(" lies ") && !text.contains("FORGED"))
        #expect(b.stderr.components(separatedBy: "failed authentication").count == 2, "said once: \(b.stderr)")

        // B wrote good entries again: a third machine uses them.
        let (c, third) = try tests.build(book, cache: "machine-c", server: server)
        #expect(c.status == 0 && third.compiled.isEmpty && third.ran.isEmpty, "\(c.stderr)")
        #expect(!FileManager.default.fileExists(atPath: marker.path))
    }

    @Test func withoutTheRightKeyNoEntryIsUsed() throws {
        let server = try NginxServer()
        let book = try SharingBook.make(chapters: 1)
        let (a, _) = try tests.build(book, cache: "team", server: server)
        #expect(a.status == 0, "\(a.stderr)")
        let stored = server.files()

        // Another key (a fork's own, or a guess): every entry is a miss, and the build goes on.
        let other = ["TUTORIAL_REMOTE_CACHE_KEY": String(repeating: "z", count: 40)]
        let (wrong, report) = try tests.build(book, cache: "other-key", server: server, environment: other)
        #expect(wrong.status == 0, "\(wrong.stderr)")
        #expect(report.compiled.count == 2 && report.ran.count == 1, "\(report.compiled)")
        #expect(wrong.stderr.contains("failed authentication"), "\(wrong.stderr)")

        // No key: nothing is read or written, and the build says why once.
        let before = server.files()
        let (none, keyless) = try tests.build(book, cache: "no-key", server: server, environment: ["TUTORIAL_REMOTE_CACHE_KEY": nil])
        #expect(none.status == 0, "\(none.stderr)")
        #expect(keyless.compiled.count == 2)
        #expect(none.stderr.components(separatedBy: "TUTORIAL_REMOTE_CACHE_KEY is not set").count == 2, "\(none.stderr)")
        #expect(server.files() == before)
        #expect(Set(before).isSuperset(of: stored))

        // A key too short to be a secret is refused before anything runs.
        let short = try ToolProcess.run(["build", "--remote-cache", server.url], in: book, environment: ["TUTORIAL_REMOTE_CACHE_KEY": "1234"])
        #expect(short.status != 0)
        #expect(short.stderr.contains("TUTORIAL_REMOTE_CACHE_KEY must hold at least 32 bytes"), "\(short.stderr)")
    }

    @Test func theKeyReachesNoProgram() throws {
        let server = try NginxServer()
        let book = try SharingBook.make(chapters: 1)
        let cell = """
            import Foundation
            print("environment:", ProcessInfo.processInfo.environment["TUTORIAL_REMOTE_CACHE_KEY"] ?? "none")
            let child = Process()
            child.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            try child.run()
            child.waitUntilExit()
            // Every ancestor's initial environment, as /proc shows it (the reaper, the tool...).
            var ancestor = getppid()
            var leaked: [String] = []
            while ancestor > 1 {
                let environ = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\\(ancestor)/environ"))) ?? Data()
                leaked += environ.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
                    .filter { $0.hasPrefix("TUTORIAL_REMOTE_CACHE_KEY=") && $0.count > "TUTORIAL_REMOTE_CACHE_KEY=".count }
                let status = (try? String(contentsOfFile: "/proc/\\(ancestor)/status", encoding: .utf8)) ?? ""
                ancestor = status.split(separator: "\\n").first { $0.hasPrefix("PPid:") }
                    .flatMap { Int32($0.dropFirst(5).trimmingCharacters(in: .whitespaces)) } ?? 1
            }
            print("ancestors with the key:", leaked.count)
            // The reaper (the parent) is a fork of the tool, and holds the key in its memory too.
            let memory = open("/proc/\\(getppid())/mem", O_RDONLY)
            print("reaper memory readable:", memory >= 0)
            """
        try "# Secrets\n\n```swift\n\(cell)\n```\n".write(
            to: book.appendingPathComponent("chapters/02-secrets.md"), atomically: true, encoding: .utf8)
        let (result, _) = try tests.build(book, cache: "secrets", server: server)
        #expect(result.status == 0, "\(result.stderr)")
        let page = try String(contentsOf: book.appendingPathComponent("site-secrets/secrets.html"), encoding: .utf8)
        #expect(page.contains("environment: none"))
        #expect(page.contains("ancestors with the key: 0"), "the key is readable in /proc/PID/environ of the program's ancestors")
        // Programs keep no CAP_SYS_PTRACE where the tool isolates them (as root); a user's
        // programs never have it.
        #expect(page.contains("reaper memory readable: false"), "a program can read the key in its reaper's memory")
        #expect(page.contains("PATH="), "the child's environment is on the page")
        let key = try #require(RemoteCacheTests.key["TUTORIAL_REMOTE_CACHE_KEY"])
        #expect(!page.contains(key))
    }
}
