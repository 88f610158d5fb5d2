import TestSupport
import Foundation
import Testing

/// Caches follow the tool: a different build of the tool never reuses what another one cached.
@Suite struct ToolIdentityTests {
    /// The `N cached` count of a build's summary line.
    func cachedCount(_ stderr: String) -> Int? {
        guard let match = stderr.range(of: #"\d+ cached"#, options: .regularExpression) else { return nil }
        return Int(stderr[match].split(separator: " ")[0])
    }

    func pageKeys(_ book: URL) throws -> Set<String> {
        Set(try FileManager.default.contentsOfDirectory(atPath: book.appendingPathComponent(".tutorial-cache/pages").path))
    }

    @Test func aDifferentToolBinaryRendersAndRunsEverythingAgain() throws {
        let book = try TestSupport.copyFixture("site")
        let first = try ToolProcess.run(["build"], in: book)
        #expect(first.status == 0, "\(first.stderr)")
        let firstPages = try pageKeys(book)
        #expect(!firstPages.isEmpty)

        // The same tool again: everything comes from the cache.
        let again = try ToolProcess.run(["build"], in: book)
        #expect(again.status == 0)
        let examples = try #require(cachedCount(again.stderr), "\(again.stderr)")
        #expect(examples > 0)
        #expect(try pageKeys(book) == firstPages)

        // Another build of the tool: a copy of the binary with one byte more.
        let folder = try TestSupport.temporaryDirectory("other-tool")
        let other = folder.appendingPathComponent("tutorial")
        try FileManager.default.copyItem(at: ToolProcess.executable, to: other)
        let handle = try FileHandle(forWritingTo: other)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data([0]))
        try handle.close()
        let process = Process()
        process.executableURL = other
        process.arguments = ["build"]
        process.currentDirectoryURL = book
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(stderr)")
        #expect(cachedCount(stderr) == 0, "\(stderr)")
        let otherPages = try pageKeys(book)
        #expect(otherPages.count == firstPages.count)
        #expect(otherPages.isDisjoint(with: firstPages), "pages cached by the other tool were reused")
    }
}
