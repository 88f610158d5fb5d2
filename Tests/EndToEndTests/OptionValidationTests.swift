import TestSupport
import Foundation
import Testing

/// Numeric options out of their range are refused before anything compiles or runs.
@Suite struct OptionValidationTests {
    @Test(arguments: [
        (["build", "--timeout", "nan"], "--timeout"),
        (["build", "--timeout", "inf"], "--timeout"),
        (["build", "--timeout", "0"], "--timeout"),
        (["check", "--timeout", "-3"], "--timeout"),
        (["run", "timeline", "--timeout", "1e300"], "--timeout"),
        (["build", "--jobs", "0"], "--jobs"),
        (["check", "--jobs", "-2"], "--jobs"),
        (["build", "--jobs", "100000"], "--jobs"),
        (["serve", "--port", "0"], "--port"),
        (["serve", "--port", "70000"], "port"),
    ])
    func outOfRangeValuesAreRefused(arguments: [String], option: String) throws {
        let book = try TestSupport.copyFixture("site")
        let result = try ToolProcess.run(arguments, in: book)
        #expect(result.status != 0, "\(arguments) was accepted")
        #expect(result.stderr.contains(option), "\(result.stderr)")
        let cache = book.appendingPathComponent(".tutorial-cache")
        #expect(!FileManager.default.fileExists(atPath: cache.path), "\(arguments) started a build")
    }

    @Test func sensibleValuesAreAccepted() throws {
        let book = try TestSupport.copyFixture("site")
        let result = try ToolProcess.run(["check", "--timeout", "60", "--jobs", "1", "--quiet"], in: book)
        #expect(result.status == 0, "\(result.stderr)")
    }
}
