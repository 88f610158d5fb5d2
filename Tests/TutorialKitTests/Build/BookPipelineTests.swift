import Foundation
import TestSupport
import Testing
@testable import TutorialBuild
@testable import TutorialCheck
@testable import TutorialExecution
@testable import TutorialModel

/// The whole build in process (chapters, cache, runs, cells' slots, pages) with the fake
/// compiler where what is tested is the pipeline around the compiler, not swiftc: seconds
/// instead of a compile per example. (Through the binary and the real compiler: EndToEndTests.)
@Suite struct BookPipelineTests {
    /// A book in a new folder, one file per chapter (name, Markdown).
    static func book(_ chapters: [(String, String)]) throws -> URL {
        let folder = try TestSupport.temporaryDirectory("pipeline")
        let chaptersFolder = folder.appendingPathComponent("chapters")
        try FileManager.default.createDirectory(at: chaptersFolder, withIntermediateDirectories: true)
        for (name, text) in chapters {
            try text.write(to: chaptersFolder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return folder
    }

    /// Builds `book` as `tutorial build` does, with `compiler` for swiftc.
    static func build(_ book: URL, with compiler: FakeCompiler) async throws -> BuildReport {
        var settings = BuildSettings(
            chapters: book.appendingPathComponent("chapters").path, output: book.appendingPathComponent("site").path, jobs: 2)
        settings.compiler = compiler
        try settings.checkFolders()
        let project = try Project.load(settings, forRunning: true)
        return try await BookBuilder(project: project).build()
    }

    static func page(_ book: URL, _ name: String) throws -> String {
        try String(contentsOf: book.appendingPathComponent("site/\(name)"), encoding: .utf8)
    }

    static func edit(_ book: URL, _ chapter: String, _ change: (String) -> String) throws {
        let url = book.appendingPathComponent("chapters/\(chapter)")
        try change(try String(contentsOf: url, encoding: .utf8)).write(to: url, atomically: true, encoding: .utf8)
    }

    static let first = """
        # First

        Prose.

        ```swift
        print("one <b>")
        print("two & three")
        ```

        ```
        ```

        ```swift
        print("after")
        ```

        """

    static let second = """
        # Second

        ```swift
        print("second runs on its own")
        ```

        """

    @Test func aProseEditRerunsNothingAndACellEditRerunsExactlyItsExample() async throws {
        let book = try Self.book([("01-first.md", Self.first), ("02-second.md", Self.second)])
        let compiler = FakeCompiler()
        let cold = try await Self.build(book, with: compiler)
        #expect(cold.succeeded, "\(cold.diagnostics)")
        #expect(compiler.compiles == 2)
        // Each cell's lines in its own slot, in the order printed, escaped.
        let firstPage = try Self.page(book, "first.html")
        #expect(TestSupport.preTexts(firstPage) == ["one <b>\ntwo & three\n", "after\n"])
        #expect(firstPage.contains("one &lt;b&gt;\ntwo &amp; three\n"))

        let noOp = try await Self.build(book, with: compiler)
        #expect(compiler.compiles == 2)
        #expect(noOp.verdicts.count == 2 && noOp.verdicts.allSatisfy { $0.outcome.fullyCached })

        try Self.edit(book, "02-second.md") { "Prose before the cell moves it down.\n\n" + $0 + "\nA new paragraph of prose.\n" }
        let prose = try await Self.build(book, with: compiler)
        #expect(compiler.compiles == 2)
        #expect(prose.verdicts.allSatisfy { $0.outcome.fullyCached })
        let moved = try Self.page(book, "second.html")
        #expect(moved.contains("A new paragraph of prose."))
        #expect(TestSupport.preTexts(moved) == ["second runs on its own\n"])

        try Self.edit(book, "02-second.md") { $0.replacingOccurrences(of: "runs on its own", with: "was edited") }
        let cell = try await Self.build(book, with: compiler)
        #expect(compiler.compiles == 3)
        #expect(cell.verdicts.filter { !$0.outcome.fullyCached }.map(\.example.name) == ["second"])
        let edited = try Self.page(book, "second.html")
        #expect(TestSupport.preTexts(edited) == ["second was edited\n"])

        // A cell word is part of the key too.
        try Self.edit(book, "02-second.md") { $0.replacingOccurrences(of: "```swift\n", with: "```swift timeout=5\n") }
        _ = try await Self.build(book, with: compiler)
        #expect(compiler.compiles == 4)
    }

    @Test func aNonZeroExitIsReportedAtItsCellAndLaterCellsAreNotRun() async throws {
        let chapter = "# Exit\n\n```swift\nprint(\"before\")\n```\n\n```swift\nexit(3)\n```\n\n```swift\nprint(\"never\")\n```\n"
        let book = try Self.book([("01-exit.md", chapter)])
        let report = try await Self.build(book, with: FakeCompiler())
        #expect(!report.succeeded)
        #expect(report.diagnostics.map(\.description).contains { $0.contains("/chapters/01-exit.md:7:1: error: the example 'exit' exited with status 3 in this cell") },
                "\(report.diagnostics)")
        let html = try Self.page(book, "exit.html")
        #expect(TestSupport.preTexts(html).first == "before\n")
        #expect(html.contains("<span class=\"status\">exit 3</span>"))
        #expect(!html.contains("never\n</pre>"))
    }

    /// The fake compiles only what it can translate: any other Swift is an error at its line,
    /// never a program that prints something made up.
    @Test func theFakeCompilerRefusesWhatItCannotTranslate() async throws {
        let book = try Self.book([("01-other.md", "# Other\n\n```swift\nprint(\"fine\")\nlet x = 1\n```\n")])
        let report = try await Self.build(book, with: FakeCompiler())
        #expect(!report.succeeded)
        #expect(report.diagnostics.map(\.description).contains { $0.contains("01-other.md:5:1: error: the fake compiler cannot translate 'let x = 1'") },
                "\(report.diagnostics)")
    }
}
