import TestSupport
import Foundation
import Testing

/// `tutorial build` on fixture books, through the built binary.
@Suite struct BuildCommandTests {
    func page(_ book: URL, _ name: String) throws -> String {
        try String(contentsOf: book.appendingPathComponent("site/\(name)"), encoding: .utf8)
    }

    @Test func buildsTheKeptAsideBookWithEveryOutputRight() throws {
        let book = try TestSupport.copyFixture("kept-aside")
        let result = try ToolProcess.run(["build"], in: book)
        #expect(result.status == 0, "\(result.stderr)")

        let html = try page(book, "notebook.html")
        let outputs = TestSupport.preTexts(html)
        try #require(outputs.count == 8, "\(outputs)")
        #expect(outputs[0] == "counter is 1\n")
        #expect(outputs[1] == "counter is now 2\n")
        let special = outputs[2].split(separator: "\n").map(String.init)
        #expect(Set(special) == ["<b>not bold</b> & \"quotes\" 'apostrophes'", "warning: <to stderr>", "après ünïcödé 🧵 日本語"])
        #expect(special.firstIndex(of: "<b>not bold</b> & \"quotes\" 'apostrophes'")! < special.firstIndex(of: "après ünïcödé 🧵 日本語")!)
        #expect(html.contains("<span class=\"stderr\">warning: &lt;to stderr&gt;\n</span>"))
        #expect(outputs[3] == "from a list item\n")
        #expect(outputs[4] == "from a quote\n")
        #expect(outputs[5] == "actor counted 100\n")
        let threads = outputs[6].split(separator: "\n").map(String.init)
        #expect(Set(threads.prefix(3)) == ["thread 1 done", "thread 2 done", "thread 3 done"])
        #expect(threads.last == "threads joined")
        #expect(outputs[7] == "shown without a slot\n")

        // Shown, never run; raw HTML dropped; escaped program output only.
        #expect(html.contains("print(&quot;indented: never run&quot;)"))
        #expect(html.contains("<code class=\"language-python\">print(&quot;python: never run&quot;)"))
        #expect(!outputs.joined().contains("never run"))
        #expect(!html.contains("<b>raw html</b>"))
        #expect(html.contains("<table>\n<thead>\n<tr><th>column</th><th>other</th></tr>"))
        #expect(!html.contains("<b>not bold</b>"))
    }

    @Test func writesAnOfflineSiteWithIndexSidebarAndPager() throws {
        let book = try TestSupport.copyFixture("kept-aside")
        let result = try ToolProcess.run(["build"], in: book)
        #expect(result.status == 0, "\(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: book.appendingPathComponent("site").path)
        #expect(Set(files) == ["index.html", "notebook.html", "second.html", "print.html", "style.css", "tutorial.js", "navigation.js", "toc.js", "search-index.js", "examples", ".tutorial-site"])
        let sources = try FileManager.default.contentsOfDirectory(atPath: book.appendingPathComponent("site/examples").path)
        #expect(Set(sources) == ["notebook.swift", "second.swift"])

        let index = try page(book, "index.html")
        #expect(index.contains("<title>Kept Aside</title>"))
        #expect(index.contains("href=\"notebook.html\""))
        #expect(index.contains("href=\"second.html\""))
        let notebook = try page(book, "notebook.html")
        let second = try page(book, "second.html")
        #expect(notebook.contains("rel=\"next\" href=\"second.html\""))
        #expect(second.contains("rel=\"prev\" href=\"notebook.html\""))
        #expect(second.contains("aria-current=\"page\""))
        for html in [index, notebook, second] {
            #expect(html.contains("<link rel=\"stylesheet\" href=\"style.css\">"))
            #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("src=\"/"))
        }
        #expect(TestSupport.preTexts(second) == ["second chapter runs on its own\n"])
    }

    @Test func reportsACompileErrorAtItsMarkdownLineAndStillBuildsTheRest() throws {
        let book = try TestSupport.copyFixture("compile-error")
        let result = try ToolProcess.run(["build"], in: book)
        #expect(result.status != 0)
        #expect(result.stderr.contains(
            "chapters/01-broken.md:14:21: error: cannot convert value of type 'String' to specified type 'Int'"))
        let broken = try page(book, "broken.html")
        let compilerOutput = TestSupport.preTexts(broken, className: "compiler-output")
        #expect(compilerOutput.count == 1)
        #expect(compilerOutput.first?.contains("chapters/01-broken.md:14:21: error:") == true)
        #expect(compilerOutput.first?.contains("let number: Int = \"not a number\"") == true)
        #expect(broken.contains("not run: the example did not compile"))
        #expect(TestSupport.preTexts(try page(book, "fine.html")) == ["the other chapter still builds\n"])
    }

    @Test func reportsACrashAtItsCellAndShowsTheOutputBeforeIt() throws {
        let book = try TestSupport.copyFixture("crash")
        let result = try ToolProcess.run(["build"], in: book)
        #expect(result.status != 0)
        let diagnostic = result.stderr.split(separator: "\n").first { $0.hasPrefix("chapters/01-crash.md:") }
        #expect(diagnostic?.hasPrefix("chapters/01-crash.md:10:1: error: the example 'crash' crashed in this cell") == true)
        #expect(diagnostic?.contains("Fatal error: Index out of range") == true)
        let html = try page(book, "crash.html")
        let outputs = TestSupport.preTexts(html)
        #expect(outputs.count == 2)
        #expect(outputs.first == "before the crash\n")
        #expect(outputs.last?.hasPrefix("about to read\n") == true)
        #expect(outputs.last?.contains("Fatal error: Index out of range") == true)
        #expect(html.contains("<span class=\"status\">killed by SIG"))
        #expect(html.contains("not run: the example stopped before these cells"))
    }

    @Test func reportsANonZeroExitAtItsCell() throws {
        let book = try TestSupport.copyFixture("streaming")
        let result = try ToolProcess.run(["build", "--chapters", book.appendingPathComponent("chapters").path], in: book)
        #expect(result.status == 1)
        #expect(result.stderr.contains("chapters/01-streaming.md:23:1: error: the example 'streaming' exited with status 3 in this cell"))
        let html = try page(book, "streaming.html")
        #expect(TestSupport.preTexts(html) == ["first\nsecond\n", ""])
        #expect(html.contains("<span class=\"status\">exit 3</span>"))
    }

    @Test func killsATimedOutExampleWithEveryProcessItStarted() throws {
        let book = try TestSupport.copyFixture("timeout")
        let result = try ToolProcess.run(["build", "--timeout", "2"], in: book)
        #expect(result.status != 0)
        #expect(result.stderr.contains("chapters/01-forever.md:3:1: error: the example 'forever' timed out"))
        let html = try page(book, "forever.html")
        #expect(TestSupport.preTexts(html) == ["started a child\n"])
        #expect(html.contains("timed out after 2 s"))
        // The child it started (`sleep 4321.5`) is gone with it: killed before the build ended
        // (a process already sent SIGKILL may take a moment to leave /proc on a loaded machine;
        // the deadline only fails one that stays).
        let deadline = Date().addingTimeInterval(30)
        while !Self.processes(withArgument: "4321.5").isEmpty && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(Self.processes(withArgument: "4321.5").isEmpty)
    }

    @Test func aMissingChaptersFolderIsAClearErrorAndWritesNothing() throws {
        let folder = try TestSupport.temporaryDirectory("missing")
        let result = try ToolProcess.run(["build", "--chapters", "nope"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.contains("nope: error: chapters folder not found"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("site").path))
    }

    @Test func rebuildingReplacesTheSiteWithoutLeavingTemporaryFolders() throws {
        let book = try TestSupport.copyFixture("compile-error")
        _ = try ToolProcess.run(["build", "--output", "out"], in: book)
        try "# Fine\n\n```swift\nprint(\"changed\")\n```\n".write(
            to: book.appendingPathComponent("chapters/02-fine.md"), atomically: true, encoding: .utf8)
        _ = try ToolProcess.run(["build", "--output", "out"], in: book)
        let html = try String(contentsOf: book.appendingPathComponent("out/fine.html"), encoding: .utf8)
        #expect(TestSupport.preTexts(html) == ["changed\n"])
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: book.path).filter { $0.hasPrefix(".out.new") || $0.hasPrefix(".out.old") }
        #expect(leftovers.isEmpty)
    }

    /// Processes whose command line has `argument`, from /proc.
    static func processes(withArgument argument: String) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.filter { Int($0) != nil }.compactMap { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return nil }
            let words = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            return words.contains(argument) ? pid : nil
        }
    }
}
