import Foundation
import TestSupport
import Testing
@testable import TutorialBuild
@testable import TutorialExecution

/// Pages' cache keys hold what the page shows, not every chapter's title: renaming a chapter
/// renders again its page, its neighbours', the index and the search index, not the book.
@Suite struct NavigationCacheTests {
    static func cachedPages(_ book: URL) throws -> Set<String> {
        Set(try FileManager.default.contentsOfDirectory(atPath: book.appendingPathComponent(".tutorial-cache/pages").path))
    }

    @Test func renamingAChapterRendersItsNeighbourhoodAndTheIndexOnly() async throws {
        let chapters = (1...10).map { number in
            (String(format: "%02d-c%d.md", number, number), "# Chapter \(number)\n\nProse of chapter \(number).\n")
        }
        let book = try BookPipelineTests.book(chapters)
        let compiler = FakeCompiler()
        let first = try await BookPipelineTests.build(book, with: compiler)
        #expect(first.succeeded, "\(first.diagnostics)")
        let before = try Self.cachedPages(book)
        let toc = try BookPipelineTests.page(book, "toc.js")
        #expect(toc.contains("\"t\":\"Chapter 7\""))

        try BookPipelineTests.edit(book, "07-c7.md") { $0.replacingOccurrences(of: "# Chapter 7", with: "# Renamed") }
        _ = try await BookPipelineTests.build(book, with: compiler)
        let after = try Self.cachedPages(book)
        // Pages 6, 7 and 8, the index, and the search index (which holds the title): five new entries.
        #expect(after.subtracting(before).count == 5)
        #expect(after.count == before.count)
        #expect(try BookPipelineTests.page(book, "toc.js").contains("\"t\":\"Renamed\""))
        #expect(try BookPipelineTests.page(book, "c8.html").contains("rel=\"prev\" href=\"c7.html\">← Renamed</a>"))
        #expect(try !BookPipelineTests.page(book, "c2.html").contains("Renamed"))
    }
}
