import TestSupport
import Foundation
import Testing

/// `tutorial init DIR` starts a book that builds at once, and never writes over a file.
@Suite struct InitCommandTests {
    static let starterFiles = [".github/workflows/book.yml", ".gitignore", "README.md", "chapters/01-first-steps.md", "chapters/index.md"]

    @Test func aNewBookBuildsAtOnceAndShowsWhatItsCellsPrinted() throws {
        let parent = try TestSupport.temporaryDirectory("init")
        let made = try ToolProcess.run(["init", "books/mine"], in: parent)
        #expect(made.status == 0, "\(made.stderr)")
        let book = parent.appendingPathComponent("books/mine")
        for file in Self.starterFiles {
            #expect(FileManager.default.fileExists(atPath: book.appendingPathComponent(file).path), "\(file)")
            #expect(made.stderr.contains("created books/mine/\(file)"), "\(made.stderr)")
        }
        let built = try ToolProcess.run(["build"], in: book)
        #expect(built.status == 0, "\(built.stderr)")
        let html = try String(contentsOf: book.appendingPathComponent("site/first-steps.html"), encoding: .utf8)
        let outputs = TestSupport.preTexts(html)
        #expect(outputs.first == "Hello, Ada!\nHello, Grace!\nHello, Linus!\n", "\(outputs)")
        #expect(outputs.contains("3 names, 13 letters\n"), "\(outputs)")
        #expect(outputs.contains { $0.hasPrefix("about to read the first element\n") && $0.contains("Index out of range") }, "\(outputs)")
        let index = try String(contentsOf: book.appendingPathComponent("site/index.html"), encoding: .utf8)
        #expect(index.contains("<title>My Swift Book</title>"))
        // What the build writes is what the new .gitignore leaves out.
        let ignored = try String(contentsOf: book.appendingPathComponent(".gitignore"), encoding: .utf8)
        #expect(ignored.contains("/site/") && ignored.contains(".tutorial-cache/"))
    }

    @Test func aFolderWithAnyOfTheFilesIsLeftAsItIs() throws {
        let book = try TestSupport.temporaryDirectory("init-again")
        try FileManager.default.createDirectory(at: book.appendingPathComponent("chapters"), withIntermediateDirectories: true)
        try "mine\n".write(to: book.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        let result = try ToolProcess.run(["init"], in: book)
        #expect(result.status == 1)
        #expect(result.stderr.contains("README.md: error: exists already: tutorial init writes nothing over a file"), "\(result.stderr)")
        #expect(try String(contentsOf: book.appendingPathComponent("README.md"), encoding: .utf8) == "mine\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: book.appendingPathComponent("chapters").path).isEmpty)

        let file = book.appendingPathComponent("README.md").path
        let onFile = try ToolProcess.run(["init", file], in: book)
        #expect(onFile.status == 1 && onFile.stderr.contains("\(file): error: not a folder"), "\(onFile.stderr)")
    }
}
