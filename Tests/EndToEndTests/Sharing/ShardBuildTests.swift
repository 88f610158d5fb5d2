import Foundation
import Testing

/// `--shard K/N` and `--cached-only`, through the built binary: a fan-out and a fan-in.
@Suite struct ShardBuildTests {
    @Test func threeShardsIntoOneCacheThenTheFanInWritesThePlainSite() throws {
        let book = try SharingBook.make(chapters: 5)
        let plain = try ToolProcess.run(["build", "--cache-dir", "plain-cache", "--output", "plain-site", "--report", "plain.json"], in: book)
        #expect(plain.status == 0, "\(plain.stderr)")
        let all = try SharingBook.report(book, "plain.json").examples.map(\.name).sorted()
        #expect(all.count == 6)

        var built: [String] = []
        for part in 1...3 {
            let listed = try ToolProcess.run(["list", "--cache-dir", "shared", "--shard", "\(part)/3"], in: book)
            #expect(listed.status == 0, "\(listed.stderr)")
            let shard = try ToolProcess.run(["build", "--cache-dir", "shared", "--shard", "\(part)/3", "--report", "shard\(part).json"], in: book)
            #expect(shard.status == 0, "\(shard.stderr)")
            #expect(shard.stderr.contains("shard \(part)/3:"))
            let report = try SharingBook.report(book, "shard\(part).json")
            #expect(report.compiled == report.examples.map(\.name).sorted(), "a shard compiles only its own, cold")
            // `list --shard` shows what the shard held.
            let names = listed.stdout.split(separator: "\n").map { String($0.split(separator: " ")[0]) }.sorted()
            #expect(names == report.compiled)
            built += report.compiled
        }
        #expect(built.sorted() == all, "the shards cover the book once")
        #expect(!FileManager.default.fileExists(atPath: book.appendingPathComponent("site").path), "a shard writes no site")

        let fanIn = try ToolProcess.run(["build", "--cache-dir", "shared", "--cached-only", "--report", "fan-in.json"], in: book)
        #expect(fanIn.status == 0, "\(fanIn.stderr)")
        let report = try SharingBook.report(book, "fan-in.json")
        #expect(report.compiled.isEmpty && report.ran.isEmpty)
        #expect(report.examples.count == 6)
        let expected = try SharingBook.files(of: book.appendingPathComponent("plain-site"))
        let actual = try SharingBook.files(of: book.appendingPathComponent("site"))
        #expect(expected.keys.sorted() == actual.keys.sorted())
        #expect(expected.keys.contains("chapter3.html"))
        for (path, text) in expected { #expect(actual[path] == text, "\(path) differs") }
    }

    @Test func theFanInFailsNamingEveryExampleTheCacheLacks() throws {
        let book = try SharingBook.make(chapters: 3)
        let shard = try ToolProcess.run(["build", "--cache-dir", "partial", "--shard", "1/2", "--report", "one.json"], in: book)
        #expect(shard.status == 0, "\(shard.stderr)")
        let done = Set(try SharingBook.report(book, "one.json").examples.map(\.name))
        let fanIn = try ToolProcess.run(["build", "--cache-dir", "partial", "--cached-only", "--report", "fan-in.json"], in: book)
        #expect(fanIn.status != 0)
        let names = ["chapter1", "chapter2", "chapter3"]
        #expect(!done.isEmpty && done.count < 4)
        for name in names where !done.contains(name) {
            #expect(fanIn.stderr.contains("'\(name)'"), "\(fanIn.stderr)")
        }
        for name in names where done.contains(name) {
            #expect(!fanIn.stderr.contains("'\(name)'"), "\(fanIn.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: book.appendingPathComponent("site").path))
        // Nothing was compiled for the missing ones.
        #expect(!FileManager.default.fileExists(atPath: book.appendingPathComponent("fan-in.json").path))
    }

    @Test func aBadShardIsAClearErrorWithANonZeroStatus() throws {
        let book = try SharingBook.make(chapters: 1)
        for bad in ["0/3", "4/3", "x"] {
            for command in ["build", "check", "list"] {
                let result = try ToolProcess.run([command, "--shard", bad], in: book)
                #expect(result.status != 0)
                #expect(result.stderr.contains("--shard must be K/N"), "\(command) --shard \(bad): \(result.stderr)")
            }
        }
        let both = try ToolProcess.run(["build", "--shard", "1/2", "--cached-only"], in: book)
        #expect(both.status != 0 && both.stderr.contains("cannot go with --shard"))
        let url = try ToolProcess.run(["build", "--remote-cache", "ftp://example"], in: book)
        #expect(url.status != 0 && url.stderr.contains("--remote-cache must be"))
    }
}
