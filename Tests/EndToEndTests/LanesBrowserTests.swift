import TestSupport
import Foundation
import Testing

/// The lanes view in a real browser: drawn, readable in both themes, stacked at phone width.
@Suite struct LanesBrowserTests {
    @Test(.enabled(if: BrowserTests.seleniumReady || Tools.inCI, "chromium, chromedriver or selenium is not installed"))
    func theLanesReadInBothThemesAndStackOnAPhone() throws {
        let book = try TestSupport.copyFixture("lanes")
        let build = try ToolProcess.run(["build", "--quiet"], in: book)
        #expect(build.status == 0, "\(build.stderr)")
        let script = TestSupport.fixtures.deletingLastPathComponent().appendingPathComponent("Browser/lanes_test.py")
        // Screenshots are kept as the test's artifact, beside the build folder.
        let shots = TestSupport.fixtures.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/test-artifacts/screenshots")
        let result = try BrowserTests().run("python3", [script.path, book.appendingPathComponent("site").path, shots.path])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("0 failed checks"))
        for name in ["lanes-light.png", "lanes-dark.png", "lanes-phone.png"] {
            #expect(FileManager.default.fileExists(atPath: shots.appendingPathComponent(name).path), "no \(name)")
        }
    }
}
