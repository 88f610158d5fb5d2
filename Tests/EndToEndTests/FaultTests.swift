import TestSupport
import Foundation
import Testing

/// Bad input and faults: each gives a diagnostic with file and line, a non-zero exit, the rest
/// of the book built, and never a crash of the tool.
@Suite struct FaultTests {
    @Test func anUnterminatedFenceIsAnErrorAndTheOtherChaptersBuild() throws {
        let book = try TestSupport.copyFixture("unterminated")
        let result = try ToolProcess.run(["build"], in: book)
        #expect(result.status == 1)
        #expect(result.stderr.contains("chapters/01-open.md:7:1: error: this code fence is never closed"))
        let open = try String(contentsOf: book.appendingPathComponent("site/open.html"), encoding: .utf8)
        #expect(TestSupport.preTexts(open) == ["closed\n"])
        let other = try String(contentsOf: book.appendingPathComponent("site/other.html"), encoding: .utf8)
        #expect(TestSupport.preTexts(other) == ["the other chapter builds\n"])
    }

    @Test func unreadableAndNonUTF8ChaptersAreReportedAndLeftOut() throws {
        let book = try TestSupport.copyFixture("unterminated")
        let chapters = book.appendingPathComponent("chapters")
        try Data([0x23, 0x20, 0x41, 0x0A, 0x0A, 0xC3, 0x28, 0x0A]).write(to: chapters.appendingPathComponent("03-latin.md"))
        try FileManager.default.createSymbolicLink(atPath: chapters.appendingPathComponent("04-gone.md").path, withDestinationPath: "nowhere.md")
        let result = try ToolProcess.run(["build"], in: book)
        #expect(result.status == 1)
        #expect(result.stderr.contains("chapters/03-latin.md:3: error: the file is not valid UTF-8"))
        #expect(result.stderr.contains("chapters/04-gone.md: error: cannot read the file"))
        #expect(FileManager.default.fileExists(atPath: book.appendingPathComponent("site/other.html").path))
        #expect(!FileManager.default.fileExists(atPath: book.appendingPathComponent("site/latin.html").path))
    }

    /// A run whose scratch folder cannot be made does not run in the tool's folder instead.
    @Test func aRunWithoutAScratchFolderIsAnErrorNotARunInTheBook() throws {
        let book = try TestSupport.temporaryDirectory("no-scratch")
        try FileManager.default.createDirectory(at: book.appendingPathComponent("chapters"), withIntermediateDirectories: true)
        try "# S\n\n```swift\nimport Foundation\nprint(\"ran in\", FileManager.default.currentDirectoryPath)\n```\n\n```\n```\n"
            .write(to: book.appendingPathComponent("chapters/01-scratch.md"), atomically: true, encoding: .utf8)
        // Compiled with a temporary folder, then run where the temporary folder is gone.
        let compiled = try ToolProcess.run(["build"], in: book)
        #expect(compiled.status == 0, "\(compiled.stderr)")
        let missing = book.appendingPathComponent("no-such-tmp").path
        let result = try ToolProcess.run(["build", "--rerun"], in: book, environment: ["TMPDIR": missing])
        #expect(result.status == 1)
        #expect(result.stderr.contains("chapters/01-scratch.md:3:1: error: could not run the example 'scratch': cannot make a scratch folder for the run in \(missing)"), "\(result.stderr)")
        let page = try String(contentsOf: book.appendingPathComponent("site/scratch.html"), encoding: .utf8)
        #expect(!page.contains("ran in \(book.path)"), "the program ran in the book's folder")
        // Once the temporary folder is back, the example runs again (the failure was not kept).
        let again = try ToolProcess.run(["build"], in: book)
        #expect(again.status == 0, "\(again.stderr)")
    }

    @Test func aFolderWithNoChapterIsAnError() throws {
        let book = try TestSupport.temporaryDirectory("no-chapter")
        try FileManager.default.createDirectory(at: book.appendingPathComponent("chapters"), withIntermediateDirectories: true)
        try "notes".write(to: book.appendingPathComponent("chapters/notes.txt"), atomically: true, encoding: .utf8)
        let result = try ToolProcess.run(["build"], in: book)
        #expect(result.status == 1)
        #expect(result.stderr.contains("chapters: error: no chapter found"))
        #expect(!FileManager.default.fileExists(atPath: book.appendingPathComponent("site").path))
    }

    @Test func twoExamplesWithTheSameNameAreErrors() throws {
        let book = try TestSupport.copyFixture("duplicate-examples")
        let result = try ToolProcess.run(["build"], in: book)
        #expect(result.status == 1)
        #expect(result.stderr.contains("chapters/02-second.md:3:1: error: two examples are named 'shared': this one and one in chapters/01-first.md"))
        #expect(result.stderr.contains("chapters/02-second.md:7:1: error: example=first takes the name of the chapter 'first'"))
    }

    @Test func endlessOutputIsCappedAndMemoryStaysBounded() throws {
        let book = try TestSupport.copyFixture("endless")
        let result = try ToolProcess.run(["build"], in: book)
        #expect(result.status == 1)
        #expect(result.stderr.contains("chapters/01-endless.md:3:1: error: the example 'endless' timed out"))
        let html = try String(contentsOf: book.appendingPathComponent("site/endless.html"), encoding: .utf8)
        let output = TestSupport.preTexts(html).first ?? ""
        let lines = output.split(separator: "\n")
        #expect(lines.first == "line 1")
        #expect(lines.count <= 10_001)
        #expect(output.utf8.count <= 1_100_000)
        let omitted = lines.first { $0.hasPrefix("... ") && $0.hasSuffix(" lines omitted ...") }
        #expect(omitted != nil)
        // The lines after the omission are the last ones, in order, up to the end.
        if let index = lines.firstIndex(where: { $0.hasSuffix(" lines omitted ...") }), index + 2 < lines.count {
            let after = lines[(index + 1)...].compactMap { Int($0.split(separator: " ").last ?? "") }
            #expect(after == Array(after[0]..<(after[0] + after.count)))
        }
        #expect(result.peakMemoryKiB > 0 && result.peakMemoryKiB < 300 * 1024, "peak \(result.peakMemoryKiB) KiB")
    }

    @Test func noProcessOutlivesAnExampleThatLeftChildrenBehind() throws {
        let book = try TestSupport.copyFixture("leftover-child")
        let result = try ToolProcess.run(["build"], in: book)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(BuildCommandTests.processes(withArgument: "8765.25").isEmpty)
        #expect(BuildCommandTests.processes(withArgument: "8765.5").isEmpty)
    }

    /// The timeout book, with its child sleeping for `seconds`, so that tests running at the same
    /// time tell their processes apart.
    func timeoutBook(sleeping seconds: String) throws -> URL {
        let book = try TestSupport.copyFixture("timeout")
        let chapter = book.appendingPathComponent("chapters/01-forever.md")
        try (try String(contentsOf: chapter, encoding: .utf8)).replacingOccurrences(of: "4321.5", with: seconds)
            .write(to: chapter, atomically: true, encoding: .utf8)
        return book
    }

    @Test func aKilledBuildLeavesTheOldSiteWholeAndNoProcessBehind() throws {
        let book = try timeoutBook(sleeping: "4322.75")
        _ = try ToolProcess.run(["build", "--timeout", "1"], in: book)
        let site = book.appendingPathComponent("site")
        let before = try FileManager.default.contentsOfDirectory(atPath: site.path).sorted()
        let page = try Data(contentsOf: site.appendingPathComponent("forever.html"))
        try (try String(contentsOf: book.appendingPathComponent("chapters/01-forever.md"), encoding: .utf8) + "\nMore prose.\n")
            .write(to: book.appendingPathComponent("chapters/01-forever.md"), atomically: true, encoding: .utf8)

        let result = try ToolProcess.run(["build", "--timeout", "60"], in: book) { process in
            // Once the example's child is running, the build is in the middle of its work.
            let deadline = Date().addingTimeInterval(30)
            while BuildCommandTests.processes(withArgument: "4322.75").isEmpty && Date() < deadline {
                Thread.sleep(forTimeInterval: 0.05)
            }
            kill(process.processIdentifier, SIGTERM)
        }
        #expect(result.status == 128 + SIGTERM)
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.path).sorted() == before)
        #expect(try Data(contentsOf: site.appendingPathComponent("forever.html")) == page)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: book.path).filter { $0.hasPrefix(".site.new") || $0.hasPrefix(".site.old") }
        #expect(leftovers.isEmpty)
        #expect(BuildCommandTests.processes(withArgument: "4322.75").isEmpty)
    }

    /// The lock belongs to the output folder: a second build with a cache of its own waits too.
    @Test func twoBuildsOfTheSameSiteTakeTurns() throws {
        let book = try timeoutBook(sleeping: "4323.25")
        _ = try ToolProcess.run(["build", "--timeout", "1"], in: book)
        let second = LockedData()
        // Time limits long enough that the example reaches its first cell however busy the
        // machine: a run killed before it shows no cell's status on the page.
        let first = try ToolProcess.run(["build", "--timeout", "10"], in: book) { _ in
            // Start the second build while the first one runs its example.
            let deadline = Date().addingTimeInterval(30)
            while BuildCommandTests.processes(withArgument: "4323.25").isEmpty && Date() < deadline {
                Thread.sleep(forTimeInterval: 0.05)
            }
            if let result = try? ToolProcess.run(["build", "--timeout", "5", "--cache-dir", "other-cache"], in: book) {
                second.set(Data(result.stderr.utf8))
            }
        }
        #expect(first.status == 1)
        // The watcher thread may still be finishing the second build (the deadline only fails
        // one that never ends).
        let deadline = Date().addingTimeInterval(300)
        while second.value.isEmpty && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        let stderr = String(decoding: second.value, as: UTF8.self)
        #expect(stderr.contains("another build is writing site/; waiting for it to finish"))
        #expect(stderr.contains("timed out after 5 s"))
        let html = try String(contentsOf: book.appendingPathComponent("site/forever.html"), encoding: .utf8)
        #expect(html.contains("timed out after 5 s"))
    }
}
