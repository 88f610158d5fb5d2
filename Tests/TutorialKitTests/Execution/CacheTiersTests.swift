@testable import TutorialExecution
import Foundation
import Synchronization
import TestSupport
import Testing

/// The local and the remote cache are both ``CacheStore``s, asked nearest first by ``CacheTiers``.
@Suite struct CacheTiersTests {
    /// A store in memory that writes what it holds into the entry's folder, and logs each call.
    final class MemoryStore: CacheStore {
        let name: String
        let held = Mutex<[String: [String: Data]]>([:])
        let calls = Mutex<[String]>([])

        init(_ name: String, holding entries: [String: [String: Data]] = [:]) {
            self.name = name
            held.withLock { $0 = entries }
        }

        func fetch(_ entry: CacheEntry) async -> Bool {
            calls.withLock { $0.append("\(name) fetch \(entry.name)") }
            guard let files = held.withLock({ $0[entry.name] }) else { return false }
            for (file, data) in files { try? data.write(to: URL(fileURLWithPath: "\(entry.folder)/\(file)")) }
            return true
        }

        func store(_ entry: CacheEntry) async {
            calls.withLock { $0.append("\(name) store \(entry.name)") }
            var files: [String: Data] = [:]
            for file in entry.files { files[file] = FileManager.default.contents(atPath: "\(entry.folder)/\(file)") }
            held.withLock { $0[entry.name] = files }
        }
    }

    @Test func theLocalCacheHoldsAnEntryOnlyWithEveryFileInsideItsRoot() throws {
        let root = try TestSupport.temporaryDirectory("tiers-local").path
        let cache = ProgramCache(root: "\(root)/cache")
        let folder = "\(root)/cache/programs/abc"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: "\(folder)/program"))
        #expect(cache.holds(CacheEntry(name: "e", folder: folder, files: ["program"])))
        #expect(!cache.holds(CacheEntry(name: "e", folder: folder, files: ["program", "compile.json"])))
        #expect(!cache.holds(CacheEntry(name: "e", folder: folder, files: [])))
        // The same files outside the cache's folder are not the cache's.
        let outside = "\(root)/cache-other/programs/abc"
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: "\(outside)/program"))
        #expect(!cache.holds(CacheEntry(name: "e", folder: outside, files: ["program"])))
        #expect(!cache.holds(CacheEntry(name: "e", folder: "\(root)/cache/../cache-other/programs/abc", files: ["program"])))
    }

    @Test func readingAsksNearestFirstAndPassesOverACopyThatDoesNotRead() async throws {
        let folder = try TestSupport.temporaryDirectory("tiers-read").path
        let entry = CacheEntry(name: "result 1", folder: folder, files: ["result.json"])
        let near = MemoryStore("near", holding: ["result 1": ["result.json": Data("cut".utf8)]])
        let far = MemoryStore("far", holding: ["result 1": ["result.json": Data("whole".utf8)]])
        let tiers = CacheTiers([near, far])
        let value = await tiers.first(entry) { () async -> String? in
            let text = FileManager.default.contents(atPath: "\(folder)/result.json").map { String(decoding: $0, as: UTF8.self) }
            return text == "whole" ? text : nil
        }
        #expect(value == "whole")
        #expect(near.calls.withLock { $0 } == ["near fetch result 1"])
        #expect(far.calls.withLock { $0 } == ["far fetch result 1"])

        // A value the nearest store reads well is the answer: the far one is not asked.
        let again = await tiers.first(entry) { () async -> String? in "any" }
        #expect(again == "any")
        #expect(far.calls.withLock { $0 }.count == 1)
        #expect(await tiers.first(CacheEntry(name: "missing", folder: folder, files: ["x"])) { () async -> String? in "never" } == nil)
    }

    @Test func writingGivesTheEntryToEveryStore() async throws {
        let folder = try TestSupport.temporaryDirectory("tiers-write").path
        try Data("made".utf8).write(to: URL(fileURLWithPath: "\(folder)/result.json"))
        let near = MemoryStore("near"), far = MemoryStore("far")
        await CacheTiers([near, far]).store(CacheEntry(name: "result 2", folder: folder, files: ["result.json"]))
        for store in [near, far] {
            #expect(store.held.withLock { $0["result 2"]?["result.json"] } == Data("made".utf8))
        }
    }
}
