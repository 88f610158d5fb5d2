import Foundation
import Synchronization
import Testing
@testable import TutorialModel
@testable import TutorialSite

/// A site is replaced in one step: a reader watching the output folder while builds rewrite it
/// never finds it missing (an interrupt there would have left no site at all).
@Suite struct SiteWriterTests {
    @Test func theOutputFolderIsNeverMissingWhileASiteReplacesAnother() throws {
        let folder = NSTemporaryDirectory() + "site-writer-\(UUID())"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let output = "\(folder)/site"
        let writer = SiteWriter(output: output)
        try writer.write(["index.html": Data("first".utf8)])
        let stop = Atomic<Bool>(false)
        let missing = Atomic<Int>(0)
        let looks = Atomic<Int>(0)
        let watcher = Thread {
            while !stop.load(ordering: .relaxed) {
                if access("\(output)/index.html", F_OK) != 0 { missing.add(1, ordering: .relaxed) }
                looks.add(1, ordering: .relaxed)
            }
        }
        watcher.start()
        for round in 0..<300 {
            try writer.write(["index.html": Data("round \(round)".utf8), "style.css": Data("p {}".utf8)])
        }
        stop.store(true, ordering: .relaxed)
        while !watcher.isFinished { usleep(1_000) }
        #expect(looks.load(ordering: .relaxed) > 0)
        #expect(missing.load(ordering: .relaxed) == 0, "the site was missing \(missing.load(ordering: .relaxed)) times")
        #expect(try String(contentsOfFile: "\(output)/index.html", encoding: .utf8) == "round 299")
        // Nothing is left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["site"])
    }

    /// A file the user saves into the site while a build writes the new one is kept, not deleted.
    @Test func aFileSavedIntoTheSiteDuringTheBuildIsKept() throws {
        let folder = NSTemporaryDirectory() + "site-writer-\(UUID())"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let output = "\(folder)/site"
        var writer = SiteWriter(output: output)
        try writer.write(["index.html": Data("first".utf8)])
        writer.beforeSwap = { FileManager.default.createFile(atPath: "\(output)/notes.txt", contents: Data("mine".utf8)) }
        #expect(throws: DiagnosticsError.self) { try writer.write(["index.html": Data("second".utf8)]) }
        #expect(try String(contentsOfFile: "\(output)/index.html", encoding: .utf8) == "second")
        let kept = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0 != "site" }
        #expect(kept.count == 1)
        #expect(try String(contentsOfFile: "\(folder)/\(kept[0])/notes.txt", encoding: .utf8) == "mine")
    }
}
