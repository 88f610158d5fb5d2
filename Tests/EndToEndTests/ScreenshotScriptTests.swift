import TestSupport
import Foundation
import Testing

/// `Scripts/screenshots.py`, which makes the README's and the guide's screenshots, still works
/// against this build of the tool: it serves its book, runs an edited cell and saves four PNGs.
@Suite struct ScreenshotScriptTests {
    @Test(.enabled(if: BrowserTests.seleniumReady || Tools.inCI, "chromium, chromedriver or selenium is not installed"))
    func theScriptMakesFourSmallPNGs() throws {
        let script = InstallInstructionsTests.root.appendingPathComponent("Scripts/screenshots.py")
        let out = try TestSupport.temporaryDirectory("screenshots")
        let port = Int.random(in: 40_001...50_000)
        let result = try BrowserTests().run("python3", [
            script.path, "--tool", ToolProcess.executable.path, "--out", out.path, "--port", "\(port)",
        ])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("0 failed checks"), "\(result.output)")
        for name in ["notebook.png", "phone.png", "lanes-light.png", "lanes-dark.png"] {
            let data = try Data(contentsOf: out.appendingPathComponent(name))
            #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(name) is not a PNG")
            #expect(data.count < 150 * 1024, "\(name) is \(data.count) bytes")
        }
    }
}
