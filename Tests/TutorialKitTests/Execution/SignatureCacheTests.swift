@testable import TutorialSupport
@testable import TutorialExecution
import Foundation
import TestSupport
import Testing

/// The one helper behind the saved compiler version and the saved tool hash, and the one sweep
/// of folders named after gone tools.
@Suite struct SignatureCacheTests {
    @Test func aValueIsReusedOnlyForTheSameSignature() throws {
        let folder = try TestSupport.temporaryDirectory("signature-cache").path
        let file = "\(folder)/input"
        try Data("one".utf8).write(to: URL(fileURLWithPath: file))
        let signature = try #require(SignatureCache.signature(of: file))
        let cache = SignatureCache(path: "\(folder)/nested/value.json")
        #expect(cache.value(for: signature) == nil)
        cache.save("hash-of-one", for: signature)
        #expect(cache.value(for: signature) == "hash-of-one")

        try Data("longer".utf8).write(to: URL(fileURLWithPath: file))
        let changed = try #require(SignatureCache.signature(of: file))
        #expect(changed != signature)
        #expect(cache.value(for: changed) == nil)
        #expect(SignatureCache.signature(of: "\(folder)/missing") == nil)
    }

    @Test func theToolIdentityChangesWithItsFilesAndIsReadBackOtherwise() throws {
        let folder = try TestSupport.temporaryDirectory("tool-identity").path
        let file = "\(folder)/tool"
        try Data("build 1".utf8).write(to: URL(fileURLWithPath: file))
        let store = "\(folder)/identity.json"
        let first = ToolIdentity.identity(of: [file], store: store)
        #expect(ToolIdentity.identity(of: [file], store: store) == first)
        try Data("build 22".utf8).write(to: URL(fileURLWithPath: file))
        #expect(ToolIdentity.identity(of: [file], store: store) != first)
    }

    @Test func onlyFoldersOfGoneProcessesAreListed() throws {
        let parent = try TestSupport.temporaryDirectory("gone-tools").path
        // A child that has exited and been waited for: its PID names no process (until reused,
        // which the kernel delays as long as it can).
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try child.run()
        child.waitUntilExit()
        let gone = child.processIdentifier
        for name in ["tutorial-runs-\(gone).abc", "tutorial-runs-\(getpid())", "tutorial-runs-x", "other-\(gone)"] {
            try FileManager.default.createDirectory(atPath: "\(parent)/\(name)", withIntermediateDirectories: true)
        }
        #expect(GoneToolFolders.names(in: parent, prefix: "tutorial-runs-") == ["tutorial-runs-\(gone).abc"])
    }
}
