import TestSupport
import Foundation
import Testing

/// The tool replaces or empties only folders it wrote: a mistaken `--output` or `--cache-dir`
/// is refused with an error naming the folder, and every file of the user's stays byte for byte.
@Suite struct DataSafetyTests {
    /// A project as a user has it: a repository, chapters, notes, a docs folder of their own.
    /// The book sits one folder down, so that `--output ..` has a folder of the test's to hit.
    func project() throws -> (root: URL, book: URL) {
        let root = try TestSupport.temporaryDirectory("data-safety")
        let book = root.appendingPathComponent("proj")
        let files = [
            "chapters/01-hello.md": "# Hello\n\n```swift\nprint(\"hello\")\n```\n",
            ".git/HEAD": "ref: refs/heads/main\n",
            "docs/README.txt": "the user's own documentation\n",
            "notes.txt": "notes\n",
            "proj-data/results.csv": "1,2,3\n",
        ]
        for (path, text) in files {
            let url = book.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try Data("beside the project\n".utf8).write(to: root.appendingPathComponent("sibling.txt"))
        return (root, book)
    }

    /// Every file below `folder`, hidden ones too, by relative path.
    static func snapshot(_ folder: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        guard let paths = FileManager.default.subpaths(atPath: folder.path) else { return files }
        for path in paths {
            var isDirectory: ObjCBool = false
            let full = folder.appendingPathComponent(path).path
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[path] = FileManager.default.contents(atPath: full) ?? Data()
            }
        }
        return files
    }

    /// Runs the tool in the book with `arguments`; it must refuse with `message` at the start of
    /// a line and leave every file under the project's parent as it was, nothing added.
    func expectRefusal(_ arguments: [String], message: String, prepare: (URL) throws -> Void = { _ in }) throws {
        let (root, book) = try project()
        try prepare(book)
        let before = Self.snapshot(root)
        let result = try ToolProcess.run(arguments, in: book)
        #expect(result.status == 1, "\(arguments): \(result.stderr)")
        #expect(result.stderr.split(separator: "\n").contains { $0.hasPrefix(message) }, "\(arguments): \(result.stderr)")
        let after = Self.snapshot(root)
        #expect(after == before, "\(arguments) changed \(Set(after.keys).symmetricDifference(before.keys).sorted())")
        #expect(before["proj/.git/HEAD"] != nil && before["proj/chapters/01-hello.md"] != nil)
    }

    @Test func theCurrentFolderIsNeverTheOutput() throws {
        try expectRefusal(["build", "--output", "."], message: ".: error: --output cannot be the current folder")
    }

    @Test func aFolderOfTheUsersIsNeverReplaced() throws {
        try expectRefusal(["build", "--output", "docs"], message: "docs: error: refusing to use this folder for the site")
    }

    @Test func theChaptersFolderIsNeverTheOutput() throws {
        try expectRefusal(["build", "--output", "chapters"], message: "chapters: error: --output cannot be the chapters folder")
        try expectRefusal(["build", "--output", "chapters/site"], message: "chapters/site: error: --output cannot be inside the chapters folder")
    }

    @Test func aFolderHoldingTheBookIsNeverTheOutput() throws {
        try expectRefusal(["build", "--output", ".."], message: "..: error: --output cannot be a folder that holds")
        try expectRefusal(["build", "--output", "chapters/.."], message: "chapters/..: error: --output cannot be")
    }

    @Test func aLinkToTheChaptersIsSeenThrough() throws {
        try expectRefusal(["build", "--output", "link"], message: "link: error: --output cannot be the chapters folder") { book in
            try FileManager.default.createSymbolicLink(
                at: book.appendingPathComponent("link"), withDestinationURL: book.appendingPathComponent("chapters"))
        }
    }

    @Test func theCacheIsNeverTheOutput() throws {
        try expectRefusal(["build", "--output", "proj-data", "--cache-dir", "proj-data"], message: "proj-data: error: --output cannot be the cache folder")
    }

    @Test func aFileIsNotReplacedByTheSite() throws {
        try expectRefusal(["build", "--output", "notes.txt"], message: "notes.txt: error: refusing to use this path for the site: it is a file")
    }

    @Test func cleanRefusesAFolderThatIsNotACache() throws {
        try expectRefusal(["clean", "--cache-dir", "."], message: ".: error: refusing to use this folder for the cache")
        try expectRefusal(["clean", "--cache-dir", "proj-data"], message: "proj-data: error: refusing to use this folder for the cache")
    }

    @Test func aFolderOfTheUsersIsNeverUsedAsTheCache() throws {
        for command in ["build", "check", "run"] {
            let arguments = [command] + (command == "run" ? ["hello"] : []) + ["--cache-dir", "proj-data"]
            try expectRefusal(arguments, message: "proj-data: error: refusing to use this folder for the cache")
        }
    }

    /// What the tool wrote, it may replace: a second build into the same folder, an empty folder
    /// made beforehand, and `clean` of its own cache all work, and the user's files stay.
    @Test func theToolsOwnFoldersAreReplacedAndCleaned() throws {
        let (root, book) = try project()
        try FileManager.default.createDirectory(at: book.appendingPathComponent("empty-site"), withIntermediateDirectories: true)
        let user = Self.snapshot(root)
        for output in ["site", "site", "empty-site"] {
            let result = try ToolProcess.run(["build", "--output", output], in: book)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(FileManager.default.fileExists(atPath: book.appendingPathComponent("\(output)/.tutorial-site").path))
            #expect(FileManager.default.fileExists(atPath: book.appendingPathComponent("\(output)/hello.html").path))
        }
        #expect(FileManager.default.fileExists(atPath: book.appendingPathComponent(".tutorial-cache/CACHEDIR.TAG").path))
        let clean = try ToolProcess.run(["clean"], in: book)
        #expect(clean.status == 0, "\(clean.stderr)")
        #expect(!FileManager.default.fileExists(atPath: book.appendingPathComponent(".tutorial-cache").path))
        let after = Self.snapshot(root)
        for (path, data) in user { #expect(after[path] == data, "\(path)") }
    }

    /// A relative `--cache-dir` works: programs run in folders of their own and must still be found.
    @Test func aRelativeCacheFolderWorks() throws {
        let (_, book) = try project()
        let result = try ToolProcess.run(["build", "--cache-dir", "cache-here"], in: book)
        #expect(result.status == 0, "\(result.stderr)")
        let page = try String(contentsOf: book.appendingPathComponent("site/hello.html"), encoding: .utf8)
        #expect(TestSupport.preTexts(page) == ["hello\n"])
    }
}
