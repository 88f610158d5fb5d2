import TestSupport
import Foundation
import Testing

/// Chapter files the site must not take as they are: names the site uses itself, and links to
/// files outside the chapters folder.
@Suite struct ChapterFileTests {
    @Test(arguments: ["00-index.md", "09-Style.md", "10-tutorial.md", "11-search-index.md", "12-examples.md", "13-print.md"])
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

    @Test func aChapterLinkedToAFileOutsideTheFolderIsRefused() throws {
        let book = try TestSupport.copyFixture("site")
        let outside = try TestSupport.temporaryDirectory("outside").appendingPathComponent("secret.md")
        try "# Secret\n\nprivate-words-never-published\n".write(to: outside, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            atPath: book.appendingPathComponent("chapters/03-secret.md").path, withDestinationPath: outside.path)
        try FileManager.default.createSymbolicLink(
            atPath: book.appendingPathComponent("chapters/04-passwd.md").path, withDestinationPath: "/etc/passwd")
        let result = try ToolProcess.run(["build", "--quiet"], in: book)
        #expect(result.status == 1)
        #expect(result.stderr.contains("chapters/03-secret.md: error: the chapter is a link to \(outside.resolvingSymlinksInPath().path)"), "\(result.stderr)")
        #expect(result.stderr.contains("chapters/04-passwd.md: error: the chapter is a link to /etc/passwd"), "\(result.stderr)")
        let site = book.appendingPathComponent("site")
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("secret.html").path))
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("passwd.html").path))
        let index = try String(contentsOf: site.appendingPathComponent("search-index.js"), encoding: .utf8)
        #expect(!index.contains("private-words-never-published") && !index.contains("root:"))
    }

    @Test func aChapterLinkedToAFileInsideTheFolderIsPublished() throws {
        let book = try TestSupport.copyFixture("site")
        let drafts = book.appendingPathComponent("chapters/drafts")
        try FileManager.default.createDirectory(at: drafts, withIntermediateDirectories: true)
        try "# Linked\n\nlinked-words-published\n".write(to: drafts.appendingPathComponent("linked.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            atPath: book.appendingPathComponent("chapters/03-linked.md").path, withDestinationPath: "drafts/linked.txt")
        let result = try ToolProcess.run(["build", "--quiet"], in: book)
        #expect(result.status == 0, "\(result.stderr)")
        let page = try String(contentsOf: book.appendingPathComponent("site/linked.html"), encoding: .utf8)
        #expect(page.contains("linked-words-published"))
    }

    /// A NUL byte would end the chapter there for the Markdown parser; UTF-16 is full of them.
    /// Either is an error at the file and line, and the chapter is not published.
    @Test func aChapterWithANulByteOrInUTF16IsAnErrorAtItsLine() throws {
        let book = try TestSupport.copyFixture("site")
        let chapters = book.appendingPathComponent("chapters")
        try Data("# Nul\n\nfirst line\nbefore\0after-the-nul\n".utf8).write(to: chapters.appendingPathComponent("03-nul.md"))
        let utf16 = "# Sixteen\n\nwide-words\n"
        try Data(utf16.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }).write(to: chapters.appendingPathComponent("04-wide.md"))
        try (Data([0xFF, 0xFE]) + Data(utf16.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }))
            .write(to: chapters.appendingPathComponent("05-bom.md"))
        let result = try ToolProcess.run(["build", "--quiet"], in: book)
        #expect(result.status == 1)
        #expect(result.stderr.contains("chapters/03-nul.md:4: error: the file holds a NUL byte"), "\(result.stderr)")
        #expect(result.stderr.contains("chapters/04-wide.md:1: error: the file holds a NUL byte"), "\(result.stderr)")
        #expect(result.stderr.contains("chapters/05-bom.md:1: error: the file is UTF-16, not UTF-8"), "\(result.stderr)")
        let site = book.appendingPathComponent("site")
        for page in ["nul.html", "wide.html", "bom.html"] {
            #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent(page).path), "\(page)")
        }
    }
}
