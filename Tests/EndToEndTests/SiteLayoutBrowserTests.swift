import TestSupport
import Foundation
import Testing

/// The flagship book's site in headless Chromium, every page: at phone width (390 px) no page is
/// wider than the screen, the chapters wait behind a menu button, timeline labels are readable
/// and copy buttons leave the code alone; at 1280 px code is wider than prose; and axe-core finds
/// no violation, in the light and the dark theme.
@Suite struct SiteLayoutBrowserTests {
    /// The repository's `chapters/`, built once into a temporary book (or the built site that
    /// `TUTORIAL_FLAGSHIP_SITE` names, to look at a change to the theme without building again).
    static func flagshipSite() throws -> URL {
        if let site = ProcessInfo.processInfo.environment["TUTORIAL_FLAGSHIP_SITE"] {
            return URL(fileURLWithPath: site)
        }
        let book = try TestSupport.temporaryDirectory("flagship")
        let root = TestSupport.fixtures.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        // The chapters, and the packages their examples import.
        for folder in ["chapters", "packages"] {
            try FileManager.default.copyItem(at: root.appendingPathComponent(folder), to: book.appendingPathComponent(folder))
        }
        // The layout is what this test looks at: an example whose timing check fails under the
        // suite's load (the book's own check, in .ci/run, judges those) still gets its page.
        let result = try ToolProcess.run(["build", "--quiet"], in: book)
        let site = book.appendingPathComponent("site")
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("index.html").path), "\(result.stderr)")
        return site
    }

    @Test(.enabled(if: (BrowserTests.seleniumReady && Tools.axe != nil) || Tools.inCI, "chromium, selenium or axe-core is missing"))
    func everyPageFitsAPhoneAndPassesAxeInBothThemes() throws {
        let axe = try #require(Tools.axe, "axe-core's axe.min.js is needed (.ci/run puts it in .build/axe/)")
        let site = try Self.flagshipSite()
        let script = TestSupport.fixtures.deletingLastPathComponent().appendingPathComponent("Browser/layout_test.py")
        let shots = TestSupport.fixtures.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/test-artifacts/screenshots")
        let (status, output) = try BrowserTests().run("python3", [script.path, site.path, axe.path, shots.path])
        #expect(status == 0, "\(output)")
        #expect(output.contains("pages panning at 390 px: 0 of"), "\(output)")
        #expect(output.contains("axe violations (both themes, nodes by rule): 0 {}"), "\(output)")
        #expect(output.contains("0 failed checks"), "\(output)")
    }
}
