import Foundation
import TestSupport
import Testing
@testable import TutorialSupport

/// Files written without an fsync each (the site's pages, cache entries): whole contents, and a
/// replacement leaves no temporary file behind.
@Suite struct UnsyncedFileTests {
    @Test func writesReplacesAndLeavesNoTemporaryFile() throws {
        let folder = try TestSupport.temporaryDirectory("unsynced")
        let path = folder.appendingPathComponent("page.html").path
        let big = Data((0..<300_000).map { UInt8($0 % 251) })
        try UnsyncedFile.write(big, to: path)
        #expect(FileManager.default.contents(atPath: path) == big)
        try UnsyncedFile.write(Data("short".utf8), to: path)
        #expect(FileManager.default.contents(atPath: path) == Data("short".utf8))
        try UnsyncedFile.replace(Data("replaced".utf8), at: path)
        #expect(FileManager.default.contents(atPath: path) == Data("replaced".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["page.html"])
        try UnsyncedFile.flushFileSystem(holding: folder.path)
    }

    @Test func aMissingFolderIsAnErrorAndLeavesNothing() throws {
        let folder = try TestSupport.temporaryDirectory("unsynced")
        let missing = folder.appendingPathComponent("missing/page.html").path
        #expect(throws: (any Error).self) { try UnsyncedFile.write(Data("x".utf8), to: missing) }
        #expect(throws: (any Error).self) { try UnsyncedFile.replace(Data("x".utf8), at: missing) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        // A flush that cannot even look at its file system is an error, not a quiet success.
        #expect(throws: (any Error).self) { try UnsyncedFile.flushFileSystem(holding: missing) }
    }

    /// A device that is always full: the write fails, and says so.
    @Test func aFullDiskIsAnError() throws {
        #expect(throws: (any Error).self) { try UnsyncedFile.write(Data(repeating: 1, count: 10_000), to: "/dev/full") }
    }
}
