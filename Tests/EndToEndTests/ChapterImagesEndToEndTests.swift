import TestSupport
import Foundation
import Testing

/// A chapter shows an image of its chapters folder: the site gets the file at the same path;
/// a reference the site cannot serve stops `build` and `check` at its file and line.
@Suite struct ChapterImagesEndToEndTests {
    /// A book of one prose chapter, `chapter`, with a small PNG at `chapters/images/shot.png`.
    func book(_ chapter: String, name: String) throws -> (book: URL, png: Data) {
        let book = try TestSupport.temporaryDirectory(name)
        let images = book.appendingPathComponent("chapters/images")
        try FileManager.default.createDirectory(at: images, withIntermediateDirectories: true)
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array("not really a picture".utf8))
        try png.write(to: images.appendingPathComponent("shot.png"))
        try chapter.write(to: book.appendingPathComponent("chapters/01-pictures.md"), atomically: true, encoding: .utf8)
        return (book, png)
    }

    @Test func theSiteHoldsTheImageAtThePathThePageUses() throws {
        let (book, png) = try book("# Pictures\n\nThe notebook:\n\n![A served page](images/shot.png)\n", name: "e2e-images")
        let result = try ToolProcess.run(["build", "--quiet"], in: book)
        #expect(result.status == 0, "\(result.stderr)")
        let site = book.appendingPathComponent("site")
        #expect(try Data(contentsOf: site.appendingPathComponent("images/shot.png")) == png)
        let page = try String(contentsOf: site.appendingPathComponent("pictures.html"), encoding: .utf8)
        #expect(page.contains(#"<img src="images/shot.png" alt="A served page""#), "\(page)")
        // The site's marker lists it, so the next build may replace it.
        let marker = try String(contentsOf: site.appendingPathComponent(".tutorial-site"), encoding: .utf8)
        #expect(marker.contains("images/shot.png"))
        let again = try ToolProcess.run(["build", "--quiet"], in: book)
        #expect(again.status == 0, "\(again.stderr)")
    }

    @Test func aMissingImageOrAnSVGStopsBuildAndCheckAtItsLine() throws {
        let (book, _) = try book("# Pictures\n\n![gone](images/gone.png)\n\n![vector](images/logo.svg)\n", name: "e2e-images-bad")
        try "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
            .write(to: book.appendingPathComponent("chapters/images/logo.svg"), atomically: true, encoding: .utf8)
        for command in ["build", "check"] {
            let result = try ToolProcess.run([command, "--quiet"], in: book)
            #expect(result.status == 1, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("chapters/01-pictures.md:3:9: error: the image 'images/gone.png' is not there"), "\(result.stderr)")
            #expect(result.stderr.contains("chapters/01-pictures.md:5:11: error: the image 'images/logo.svg' is SVG"), "\(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: book.appendingPathComponent("site/images/logo.svg").path))
    }
}
