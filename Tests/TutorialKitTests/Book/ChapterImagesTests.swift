import TestSupport
import Foundation
import Testing
@testable import TutorialModel

/// The images a chapter shows: which the site copies, and which references are errors at their
/// file, line and column.
@Suite struct ChapterImagesTests {
    /// A chapters folder with `chapter` as `01-a.md` and a PNG at `images/shot.png`.
    func book(_ chapter: String, name: String) throws -> URL {
        let folder = try TestSupport.temporaryDirectory(name)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("images"), withIntermediateDirectories: true)
        try Data([0x89, 0x50, 0x4E, 0x47]).write(to: folder.appendingPathComponent("images/shot.png"))
        try chapter.write(to: folder.appendingPathComponent("01-a.md"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test func findsImagesInParagraphsListsQuotesAndTablesWithTheirLines() {
        let document = MarkdownParser(takesOver: { _ in false }).parse("""
            # Title

            Some text and ![one](images/a.png)
            on two lines ![two](images/b.png "a title").

            - item ![three](c.png)

            > ![four](d.png)

            | shot | what |
            |---|---|
            | ![five](e.png) | x |
            """)
        #expect(document.images.map(\.url) == ["images/a.png", "images/b.png", "c.png", "d.png", "e.png"])
        #expect(document.images.map(\.position.line) == [3, 4, 6, 8, 12])
        // The column of the address's first character.
        #expect(document.images[0].position.column == 22)
    }

    @Test func aReferenceStyleImageIsPlacedAtItsDefinition() {
        let document = MarkdownParser(takesOver: { _ in false }).parse("""
            # Title

            The notebook: ![a run][run].

            [run]: images/run.png
            """)
        #expect(document.images.map(\.url) == ["images/run.png"])
        #expect(document.images.map(\.position) == [SourcePosition(line: 5, column: 8)])
    }

    @Test func aChapterImageIsListedOnceWithItsPathInsideTheFolder() throws {
        let folder = try book("# A\n\n![shot](images/shot.png)\n\n![again](./images/../images/shot.png)\n", name: "images-ok")
        let (book, diagnostics) = try BookLoader(chaptersDirectory: folder.path).load()
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(book.images.map(\.sitePath) == ["images/shot.png"])
        #expect(book.images.map(\.sourcePath) == ["\(folder.path)/images/shot.png"])
    }

    @Test func addressesThatAreNotFilesOfTheBookAreLeftAlone() throws {
        let folder = try book("""
            ![web](https://example.com/x.png) ![data](data:image/png;base64,iVBOR) ![net](//cdn.example/x.svg) ![here](#top)
            """, name: "images-other")
        let (book, diagnostics) = try BookLoader(chaptersDirectory: folder.path).load()
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(book.images.isEmpty)
    }

    @Test func refusedReferencesAreErrorsAtTheirFileLineAndColumn() throws {
        let folder = try book("""
            # A

            ![missing](images/none.png)
            ![up](../outside.png)
            ![svg](images/logo.svg)
            ![text](images/notes.txt)
            ![absolute](/etc/x.png)
            """, name: "images-bad")
        let (book, diagnostics) = try BookLoader(chaptersDirectory: folder.path).load()
        let file = "\(folder.path)/01-a.md"
        #expect(book.images.isEmpty)
        #expect(diagnostics.map { "\($0.file):\($0.line ?? 0):\($0.column ?? 0)" } == [
            "\(file):3:12", "\(file):4:7", "\(file):5:8", "\(file):6:9", "\(file):7:13",
        ])
        #expect(diagnostics[0].message.contains("is not there"))
        #expect(diagnostics[1].message.contains("outside the chapters folder"))
        #expect(diagnostics[2].message.contains("SVG"))
        #expect(diagnostics[3].message.contains(".png"))
        #expect(diagnostics[4].message.contains("absolute path"))
    }

    @Test func aSymbolicLinkOutOfTheFolderIsAnError() throws {
        let folder = try book("![link](images/out.png)\n![inside](images/in.png)\n", name: "images-link")
        let outside = try TestSupport.temporaryDirectory("images-outside").appendingPathComponent("secret.png")
        try Data([1, 2, 3]).write(to: outside)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("images/out.png").path, withDestinationPath: outside.path)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("images/in.png").path, withDestinationPath: "shot.png")
        let (book, diagnostics) = try BookLoader(chaptersDirectory: folder.path).load()
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.line == 1)
        #expect(diagnostics.first?.message.contains("outside the chapters folder") == true, "\(diagnostics)")
        #expect(book.images.map(\.sitePath) == ["images/in.png"])
    }

    @Test func theIntroductionsImagesAreCopiedToo() throws {
        let folder = try book("# A\n", name: "images-index")
        try "# Book\n\n![shot](images/shot.png)\n".write(to: folder.appendingPathComponent("index.md"), atomically: true, encoding: .utf8)
        let (book, diagnostics) = try BookLoader(chaptersDirectory: folder.path).load()
        #expect(diagnostics.isEmpty)
        #expect(book.images.map(\.sitePath) == ["images/shot.png"])
    }
}
