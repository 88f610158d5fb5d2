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

    /// A lock file that is a link (a book can ship one) is not followed: the build refuses and
    /// creates nothing where the link points.
    @Test func aLockFileThatIsALinkIsNotFollowed() throws {
        let (root, book) = try project()
        let target = root.appendingPathComponent("created-through-the-lock")
        try FileManager.default.createSymbolicLink(atPath: book.appendingPathComponent(".site.lock").path, withDestinationPath: target.path)
        let result = try ToolProcess.run(["build"], in: book)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("cannot create the lock file") && result.stderr.contains("it is a symbolic link"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: target.path))
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

    /// Cargo tags its `target` folder with the same standard signature: only the tool's own tag
    /// makes a folder its cache.
    @Test func anotherProgramsCacheTagIsNotTheTools() throws {
        let cargoTag = "Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by cargo.\n"
        let tag: (URL) throws -> Void = { book in
            try Data(cargoTag.utf8).write(to: book.appendingPathComponent("proj-data/CACHEDIR.TAG"))
        }
        let message = "proj-data: error: refusing to use this folder for the cache: its CACHEDIR.TAG was not written by tutorial"
        try expectRefusal(["clean", "--cache-dir", "proj-data"], message: message, prepare: tag)
        try expectRefusal(["build", "--cache-dir", "proj-data"], message: message, prepare: tag)
    }

    /// A marker that lists nothing (empty, or an older version's) does not make a folder a site.
    @Test func anEmptyMarkerDoesNotMakeAFolderASite() throws {
        for marker in ["", "This folder was written by `tutorial build`, which replaces it whole on every build.\n"] {
            try expectRefusal(["build", "--output", "docs"], message: "docs: error: refusing to use this folder for the site: its .tutorial-site marker lists no files") { book in
                try Data(marker.utf8).write(to: book.appendingPathComponent("docs/.tutorial-site"))
            }
        }
    }

    /// A site is replaced only while it holds exactly what the last build wrote: a file added to
    /// it, a page edited in it or a link put in it stops the next build, which names them.
    @Test func aSiteHoldingFilesTheBuildDidNotWriteIsNotReplaced() throws {
        let (root, book) = try project()
        let site = book.appendingPathComponent("site")
        let first = try ToolProcess.run(["build"], in: book)
        #expect(first.status == 0, "\(first.stderr)")
        try Data("mine\n".utf8).write(to: site.appendingPathComponent("examples/notes.txt"))
        let page = site.appendingPathComponent("hello.html")
        let original = try Data(contentsOf: page)
        try (original + Data("<!-- my edit -->".utf8)).write(to: page)
        try FileManager.default.createSymbolicLink(at: site.appendingPathComponent("docs"), withDestinationURL: book.appendingPathComponent("docs"))
        let before = Self.snapshot(root)
        let refused = try ToolProcess.run(["build"], in: book)
        #expect(refused.status == 1)
        let line = refused.stderr.split(separator: "\n").first { $0.hasPrefix("site: error: refusing to use this folder for the site") }
        #expect(line?.contains("docs, examples/notes.txt, hello.html") == true, "\(refused.stderr)")
        #expect(Self.snapshot(root) == before)

        // With the user's files gone and the page as built, the site is the tool's again.
        try FileManager.default.removeItem(at: site.appendingPathComponent("examples/notes.txt"))
        try FileManager.default.removeItem(at: site.appendingPathComponent("docs"))
        try original.write(to: page)
        let again = try ToolProcess.run(["build"], in: book)
        #expect(again.status == 0, "\(again.stderr)")
    }

    /// `clean` of a cache folder that is a link empties the folder it leads to, and says so.
    @Test func cleanThroughALinkSaysWhatItDid() throws {
        let (root, book) = try project()
        let build = try ToolProcess.run(["build"], in: book)
        #expect(build.status == 0, "\(build.stderr)")
        let target = root.appendingPathComponent("elsewhere")
        try FileManager.default.moveItem(at: book.appendingPathComponent(".tutorial-cache"), to: target)
        try FileManager.default.createSymbolicLink(at: book.appendingPathComponent(".tutorial-cache"), withDestinationURL: target)
        let clean = try ToolProcess.run(["clean"], in: book)
        #expect(clean.status == 0, "\(clean.stderr)")
        #expect(clean.stderr.contains("emptied \(target.resolvingSymlinksInPath().path) ("), "\(clean.stderr)")
        #expect(clean.stderr.contains("the folder that .tutorial-cache links to; the link stays"), "\(clean.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: book.appendingPathComponent(".tutorial-cache").path) == target.path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.path).isEmpty)
        // The link still works: the next build fills the folder it leads to.
        let rebuild = try ToolProcess.run(["build"], in: book)
        #expect(rebuild.status == 0, "\(rebuild.stderr)")
        #expect(FileManager.default.fileExists(atPath: target.appendingPathComponent("CACHEDIR.TAG").path))
        // A link to nothing: nothing is removed, and the tool says so.
        try FileManager.default.removeItem(at: target)
        let dangling = try ToolProcess.run(["clean"], in: book)
        #expect(dangling.status == 0, "\(dangling.stderr)")
        #expect(dangling.stderr.contains("nothing to remove: .tutorial-cache is a link to \(target.path), which does not exist"), "\(dangling.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: book.appendingPathComponent(".tutorial-cache").path) == target.path)
    }

    /// A mistaken `--chapters` (missing, or a folder without chapters) creates nothing: no cache
    /// beside it, no lock, no site.
    @Test func aBadChaptersFolderCreatesNothing() throws {
        let (root, book) = try project()
        let empty = root.appendingPathComponent("empty/chapters")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let missing = root.appendingPathComponent("missing/chapters")
        let before = Self.snapshot(root)
        let folders = { try FileManager.default.subpathsOfDirectory(atPath: root.path).sorted() }
        let foldersBefore = try folders()
        for chapters in [missing.path, empty.path] {
            for command in [["build"], ["check"], ["run", "hello"], ["list"], ["serve", "--port", "39217"]] {
                let result = try ToolProcess.run(command + ["--chapters", chapters], in: book)
                #expect(result.status == 1, "\(command) \(chapters): \(result.stderr)")
                #expect(result.stderr.contains("\(chapters): error: "), "\(result.stderr)")
            }
        }
        #expect(Self.snapshot(root) == before)
        #expect(try folders() == foldersBefore)
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
