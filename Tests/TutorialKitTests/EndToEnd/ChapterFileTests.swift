import Foundation
import Testing

/// Chapter files the site must not take as they are: names the site uses itself, and links to
/// files outside the chapters folder.
@Suite struct ChapterFileTests {
    @Test(arguments: ["00-index.md", "09-Style.md", "10-tutorial.md", "11-search-index.md", "12-examples.md"])
    func aChapterNamedLikeASiteFileIsAnErrorAtItsFile(name: String) throws {
        let book = try TestSupport.copyFixture("site")
        try "# Clash\n\nThis page must not replace a file of the site.\n"
            .write(to: book.appendingPathComponent("chapters/\(name)"), atomically: true, encoding: .utf8)
        let result = try ToolProcess.run(["build", "--quiet"], in: book)
        #expect(result.status == 1)
        #expect(result.stderr.contains("chapters/\(name): error: a chapter cannot be named"), "\(result.stderr)")
        let index = try String(contentsOf: book.appendingPathComponent("site/index.html"), encoding: .utf8)
        #expect(index.contains("Site Fixture"))
        let site = try FileManager.default.contentsOfDirectory(atPath: book.appendingPathComponent("site").path)
        for file in site where file.hasSuffix(".html") {
            let page = try String(contentsOf: book.appendingPathComponent("site/\(file)"), encoding: .utf8)
            #expect(!page.contains("must not replace"), "\(file) holds the clashing chapter")
        }
    }
}
