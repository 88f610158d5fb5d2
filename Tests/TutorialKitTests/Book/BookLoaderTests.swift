import TestSupport
import Foundation
import Testing
@testable import TutorialModel

@Suite struct BookLoaderTests {
    @Test func parsesChapterFileNames() {
        #expect(ChapterFileName("02-multithreading.md")?.number == 2)
        #expect(ChapterFileName("02-multithreading.md")?.slug == "multithreading")
        #expect(ChapterFileName("10-race-conditions.md")?.slug == "race-conditions")
        #expect(ChapterFileName("multithreading.md") == nil)
        #expect(ChapterFileName("02-.md") == nil)
        #expect(ChapterFileName("02-bad name.md") == nil)
        #expect(ChapterFileName("02-x.txt") == nil)
    }

    @Test func loadsChaptersInFileNameOrderWithTitles() throws {
        let folder = try TestSupport.temporaryDirectory("loader")
        try "# Second\n".write(to: folder.appendingPathComponent("02-b.md"), atomically: true, encoding: .utf8)
        try "No heading here.\n".write(to: folder.appendingPathComponent("01-a.md"), atomically: true, encoding: .utf8)
        try "# My Book\n\nWelcome.\n".write(to: folder.appendingPathComponent("index.md"), atomically: true, encoding: .utf8)
        let (book, diagnostics) = try BookLoader(chaptersDirectory: folder.path).load()
        #expect(diagnostics.isEmpty)
        #expect(book.chapters.map(\.slug) == ["a", "b"])
        #expect(book.chapters.map(\.title) == ["a", "Second"])
        #expect(book.title == "My Book")
        #expect(book.chapters[0].path == "\(folder.path)/01-a.md")
    }

    @Test func reportsInvalidUTF8WithItsLine() throws {
        let folder = try TestSupport.temporaryDirectory("utf8")
        var bytes = Array("# Fine\n\nline three \n".utf8)
        bytes.insert(0xFF, at: bytes.count - 1)
        try Data(bytes).write(to: folder.appendingPathComponent("02-bad.md"))
        try "# Good\n".write(to: folder.appendingPathComponent("01-good.md"), atomically: true, encoding: .utf8)
        let (book, diagnostics) = try BookLoader(chaptersDirectory: folder.path).load()
        #expect(book.chapters.map(\.slug) == ["good"])
        #expect(diagnostics.map(\.description) == ["\(folder.path)/02-bad.md:3: error: the file is not valid UTF-8"])
    }

    @Test func rejectsMissingAndEmptyFolders() throws {
        #expect(throws: DiagnosticsError.self) { try BookLoader(chaptersDirectory: "/nonexistent/chapters").load() }
        let empty = try TestSupport.temporaryDirectory("empty")
        do {
            _ = try BookLoader(chaptersDirectory: empty.path).load()
            Issue.record("an empty folder loaded")
        } catch {
            #expect(error.description.contains("no chapter found"))
        }
    }

    @Test func reportsTwoChaptersWithTheSameSlug() throws {
        let folder = try TestSupport.temporaryDirectory("duplicate")
        try "# A\n".write(to: folder.appendingPathComponent("01-same.md"), atomically: true, encoding: .utf8)
        try "# B\n".write(to: folder.appendingPathComponent("02-same.md"), atomically: true, encoding: .utf8)
        let (book, diagnostics) = try BookLoader(chaptersDirectory: folder.path).load()
        #expect(book.chapters.count == 1)
        #expect(diagnostics.count == 1)
        #expect(diagnostics[0].file.hasSuffix("02-same.md"))
        #expect(diagnostics[0].message.contains("two chapters are named 'same'"))
    }
}
