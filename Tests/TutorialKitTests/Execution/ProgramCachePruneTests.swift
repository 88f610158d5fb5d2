import Foundation
import Testing
@testable import TutorialExecution
@testable import TutorialSupport

/// A full build removes the programs of examples that changed since, and nothing else.
@Suite struct ProgramCachePruneTests {
    @Test func programsNoLongerUsedAreRemovedAndOtherFoldersKept() throws {
        let root = NSTemporaryDirectory() + "prune-\(UUID())"
        defer { try? FileManager.default.removeItem(atPath: root) }
        func key(_ text: String) -> String {
            var hash = StableHash()
            hash.combine(text)
            return hash.hex
        }
        let kept = key("kept"), stale = key("stale")
        for name in [kept, stale, "notes", String(stale.prefix(32))] {
            try FileManager.default.createDirectory(atPath: "\(root)/programs/\(name)", withIntermediateDirectories: true)
        }
        ProgramCache(root: root).prune(keeping: [kept])
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: "\(root)/programs"))
        #expect(left == [kept, "notes", String(stale.prefix(32))], "only the stale program went")
    }
}
