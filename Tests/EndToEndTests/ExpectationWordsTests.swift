import TestSupport
import Foundation
import Testing

/// `should_fail` and `compile_fail` through `run` and `--cached-only`: what is said is how the
/// example ended, and an example that is only compiled is never asked for a run.
@Suite struct ExpectationWordsTests {
    /// A book of one chapter whose text is `chapter`.
    static func book(_ chapter: String) throws -> URL {
        let book = try TestSupport.temporaryDirectory("expectations")
        try FileManager.default.createDirectory(at: book.appendingPathComponent("chapters"), withIntermediateDirectories: true)
        try chapter.write(to: book.appendingPathComponent("chapters/01-words.md"), atomically: true, encoding: .utf8)
        return book
    }

    @Test func runSaysAShouldFailExampleFailedAsItMust() throws {
        // It fails as it must, but prints something else than its output block says.
        let book = try Self.book("# Words\n\n```swift should_fail\nimport Foundation\nprint(\"real\")\nexit(2)\n```\n\n```\nwritten\n```\n")
        let result = try ToolProcess.run(["run", "words:3"], in: book)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("'words:3' exited with status 2, as it must (should_fail)"), "\(result.stderr)")
    }

    @Test func cachedOnlyDoesNotAskARunOfACompileFailExampleThatCompiled() throws {
        let book = try Self.book("# Words\n\n```swift compile_fail\nlet fine = 1\nprint(fine)\n```\n")
        let first = try ToolProcess.run(["build", "--cache-dir", "cache"], in: book)
        #expect(first.status == 1)
        #expect(first.stderr.contains("this cell must not compile (compile_fail)"), "\(first.stderr)")
        let fanIn = try ToolProcess.run(["build", "--cache-dir", "cache", "--cached-only"], in: book)
        #expect(!fanIn.stderr.contains("no run result"), "\(fanIn.stderr)")
        #expect(fanIn.stderr.contains("this cell must not compile (compile_fail)"), "\(fanIn.stderr)")
        #expect(fanIn.status == 1)
    }
}
