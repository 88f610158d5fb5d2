import TestSupport
import Foundation
import Testing

/// The sidebar's list of chapters in a real browser: it comes from the one shared `toc.js`, and
/// a chapter's title stays text in it, whatever markup or quotes it holds.
@Suite struct SidebarBrowserTests {
    /// A heading whose title (its text: a code span and entities keep their `<`) would run a
    /// script or add an element if it were written as HTML or ended the script it is in.
    static let hostileTitle = #"`</script><img src=x onerror="window.tocInjected=1">` &lt;img src=y onerror="window.tocInjected=2"&gt; 'q' \ "#
        + "\u{2028}end"

    @Test(.enabled(if: BrowserTests.seleniumReady || Tools.inCI, "chromium, chromedriver or selenium is not installed"))
    func everyChapterIsListedAsTextAndTheCurrentOneIsMarked() throws {
        let book = try TestSupport.temporaryDirectory("sidebar")
        let chapters = book.appendingPathComponent("chapters")
        try FileManager.default.createDirectory(at: chapters, withIntermediateDirectories: true)
        try "# Plain\n\nProse.\n".write(to: chapters.appendingPathComponent("01-plain.md"), atomically: true, encoding: .utf8)
        try "# \(Self.hostileTitle)\n\nProse.\n".write(to: chapters.appendingPathComponent("02-hostile.md"), atomically: true, encoding: .utf8)
        try "# Last\n\nProse.\n".write(to: chapters.appendingPathComponent("03-last.md"), atomically: true, encoding: .utf8)
        let build = try ToolProcess.run(["build", "--quiet"], in: book)
        #expect(build.status == 0, "\(build.stderr)")
        let site = book.appendingPathComponent("site")
        let toc = try String(contentsOf: site.appendingPathComponent("toc.js"), encoding: .utf8)
        #expect(!toc.contains("<"))
        #expect(toc.contains(#"\u003c\u002fscript\u003e\u003cimg src=x onerror=\u0022window.tocInjected=1\u0022\u003e"#), "\(toc)")

        let script = TestSupport.fixtures.deletingLastPathComponent().appendingPathComponent("Browser/toc_test.py")
        let (status, output) = try BrowserTests().run("python3", [script.path, site.path, "index.html", "plain.html", "hostile.html", "last.html"])
        #expect(status == 0, "\(output)")
        #expect(output.contains("0 failed checks"))
    }
}
