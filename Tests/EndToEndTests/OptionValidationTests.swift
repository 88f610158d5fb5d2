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

    /// A size that is not a whole number of bytes, is negative, or is under 1M (but 0, no
    /// limit) would be no limit, or a useless one: it is refused, saying why.
    @Test(arguments: [
        ("--memory-limit", "0.5"), ("--memory-limit", "0.0001K"), ("--memory-limit", "-1"), ("--memory-limit", "-2G"),
        ("--memory-limit", "512K"), ("--memory-limit", "1.5.5G"), ("--memory-limit", "2X"),
        ("--disk-limit", "-1"), ("--disk-limit", "0.3M"), ("--disk-limit", "100"), ("--disk-limit", "lots"),
    ])
    func sizesThatAreNoLimitAreRefusedClearly(option: String, value: String) throws {
        let book = try TestSupport.copyFixture("site")
        for arguments in [["build", option, value], ["build", "\(option)=\(value)"]] {
            let result = try ToolProcess.run(arguments, in: book)
            #expect(result.status == 64, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(
                "\(option) must be 0 (no limit) or a whole number of bytes of at least 1M, such as 2G, 512M or 1.5G, not '\(value)'"),
                "\(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: book.appendingPathComponent(".tutorial-cache").path))
    }

    @Test func sizesWithAFractionOfAUnitAreAccepted() throws {
        let book = try TestSupport.copyFixture("site")
        let result = try ToolProcess.run(["check", "--memory-limit", "1.5G", "--disk-limit", "0.5G", "--quiet"], in: book)
        #expect(result.status == 0, "\(result.stderr)")
    }
}
