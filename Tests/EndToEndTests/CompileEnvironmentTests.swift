import TestSupport
import Foundation
import Testing

/// A compile that fails because of the machine, not the code, is reported but never kept.
@Suite struct CompileEnvironmentTests {
    struct Report: Decodable {
        struct Entry: Decodable {
            var name: String
            var compiled: Bool
        }
        var examples: [Entry]
        var compiled: [String] { examples.filter(\.compiled).map(\.name).sorted() }
    }

    func build(_ book: URL, environment: [String: String?] = [:]) throws -> (ToolProcess.Result, Report) {
        let result = try ToolProcess.run(["build", "--report", "report.json"], in: book, environment: environment)
        let data = try Data(contentsOf: book.appendingPathComponent("report.json"))
        return (result, try JSONDecoder().decode(Report.self, from: data))
    }

    /// swiftc without a temporary folder fails with `error: couldNotFindTmpDir(...)`, pointing
    /// at no source line: the next build, with the folder back, compiles the examples again.
    @Test func aCompilerWithoutATemporaryFolderIsNotCachedAsTheExamplesError() throws {
        let book = try TestSupport.copyFixture("kept-aside")
        let missing = book.appendingPathComponent("no-such-tmp").path
        let (broken, brokenReport) = try build(book, environment: ["TMPDIR": missing])
        #expect(broken.status != 0, "a build whose compiler cannot work must fail")
        #expect(brokenReport.compiled == ["notebook", "second"])

        let (fixed, fixedReport) = try build(book)
        #expect(fixed.status == 0, "\(fixed.stderr)")
        #expect(fixedReport.compiled == ["notebook", "second"], "an environment failure was reused from the cache")
        let page = try String(contentsOf: book.appendingPathComponent("site/second.html"), encoding: .utf8)
        #expect(TestSupport.preTexts(page) == ["second chapter runs on its own\n"])
    }
}
