import TestSupport
import Foundation
import Testing

/// The cache and the scheduler, through the built binary and its `--report`.
@Suite struct CacheTests {
    struct Report: Decodable {
        struct Entry: Decodable {
            var name: String
            var compiled: Bool
            var ran: Bool
            var cached: Bool
            var exclusive: Bool
            var compileStartedAt: Double?
            var compileEndedAt: Double?
            var runStartedAt: Double?
            var runEndedAt: Double?
        }
        struct Step: Decodable {
            var kind: String
            var name: String
            var start: Double
            var end: Double
        }
        var examples: [Entry]
        var timeline: [Step]

        func entry(_ name: String) -> Entry? { examples.first { $0.name == name } }
        var compiled: [String] { examples.filter(\.compiled).map(\.name).sorted() }
        var ran: [String] { examples.filter(\.ran).map(\.name).sorted() }
    }

    func build(_ book: URL, _ extra: [String] = []) throws -> (ToolProcess.Result, Report) {
        let result = try ToolProcess.run(["build", "--report", "report.json"] + extra, in: book)
        let data = try Data(contentsOf: book.appendingPathComponent("report.json"))
        return (result, try JSONDecoder().decode(Report.self, from: data))
    }

    // That a prose edit reruns nothing and a cell edit reruns exactly its example is tested in
    // process, with the fake compiler: BookPipelineTests.

    @Test func rerunForcesRunsAndCleanEmptiesTheCache() throws {
        let book = try TestSupport.copyFixture("kept-aside")
        _ = try build(book)
        let (_, one) = try build(book, ["--rerun", "second"])
        #expect(one.compiled.isEmpty)
        #expect(one.ran == ["second"])
        let (_, all) = try build(book, ["--rerun"])
        #expect(all.ran == ["notebook", "second"])
        let clean = try ToolProcess.run(["clean"], in: book)
        #expect(clean.status == 0)
        #expect(!FileManager.default.fileExists(atPath: book.appendingPathComponent(".tutorial-cache").path))
        let (_, cold) = try build(book)
        #expect(cold.compiled == ["notebook", "second"])
    }

    /// Programs name a chapter by its path inside the chapters folder: a renamed folder keeps
    /// every cache entry, and the compiler's messages name the chapter where it is now.
    @Test func aRenamedChaptersFolderReusesEveryEntry() throws {
        let book = try TestSupport.temporaryDirectory("renamed")
        let chapters = book.appendingPathComponent("chapters")
        try FileManager.default.createDirectory(at: chapters, withIntermediateDirectories: true)
        try "# Fine\n\n```swift\nprint(\"fine here\")\n```\n".write(
            to: chapters.appendingPathComponent("01-fine.md"), atomically: true, encoding: .utf8)
        try "# Broken\n\n```swift\nlet n: Int = \"text\"\n```\n".write(
            to: chapters.appendingPathComponent("02-broken.md"), atomically: true, encoding: .utf8)
        let (first, cold) = try build(book)
        #expect(first.status == 1 && cold.compiled == ["broken", "fine"], "\(first.stderr)")
        #expect(first.stderr.contains("chapters/02-broken.md:4:14: error: cannot convert"), "\(first.stderr)")
        try FileManager.default.moveItem(at: chapters, to: book.appendingPathComponent("book"))
        let (second, warm) = try build(book, ["--chapters", "book"])
        #expect(warm.compiled.isEmpty && warm.ran.isEmpty, "\(warm.examples)")
        #expect(second.stderr.contains("book/02-broken.md:4:14: error: cannot convert"), "\(second.stderr)")
        #expect(!second.stderr.contains("chapters/"), "\(second.stderr)")
        let page = try String(contentsOf: book.appendingPathComponent("site/fine.html"), encoding: .utf8)
        #expect(TestSupport.preTexts(page) == ["fine here\n"])
    }

    @Test func aTruncatedOrCorruptEntryIsRebuiltNotTrusted() throws {
        let book = try TestSupport.copyFixture("kept-aside")
        _ = try build(book)
        let programs = book.appendingPathComponent(".tutorial-cache/programs")
        // Program folders are named by key; find each example's by the source it holds.
        let folders = try FileManager.default.contentsOfDirectory(atPath: programs.path).map { programs.appendingPathComponent($0) }
        func folder(holding text: String) throws -> URL {
            try #require(folders.first { folder in
                (try? String(contentsOf: folder.appendingPathComponent("main.swift"), encoding: .utf8))?.contains(text) == true
            })
        }
        let second = try folder(holding: "second chapter runs on its own")
        let notebook = try folder(holding: "var counter = 0")

        // A result cut in half is run again; a program cut short is compiled again (its result,
        // still whole and for the same sources, stands).
        let result = second.appendingPathComponent("result.json")
        let data = try Data(contentsOf: result)
        try data.prefix(data.count / 2).write(to: result)
        let program = notebook.appendingPathComponent("program")
        let binary = try Data(contentsOf: program)
        try binary.prefix(binary.count / 2).write(to: program)
        let (status, rebuilt) = try build(book)
        #expect(status.status == 0, "\(status.stderr)")
        #expect(rebuilt.compiled == ["notebook"])
        #expect(rebuilt.ran == ["second"])

        try "{ not json".write(to: notebook.appendingPathComponent("compile.json"), atomically: true, encoding: .utf8)
        let (_, again) = try build(book)
        #expect(again.compiled == ["notebook"])
        let page = try String(contentsOf: book.appendingPathComponent("site/notebook.html"), encoding: .utf8)
        #expect(TestSupport.preTexts(page).first == "counter is 1\n")
    }

    /// A program of the right size whose bytes changed is compiled again, never run: here it
    /// is a script that would print "tampered".
    @Test func aProgramWithTheRightSizeAndWrongBytesIsCompiledAgain() throws {
        let book = try TestSupport.copyFixture("kept-aside")
        _ = try build(book)
        let programs = book.appendingPathComponent(".tutorial-cache/programs")
        let folder = try #require(try FileManager.default.contentsOfDirectory(atPath: programs.path).map { programs.appendingPathComponent($0) }
            .first { (try? String(contentsOf: $0.appendingPathComponent("main.swift"), encoding: .utf8))?.contains("var counter = 0") == true })
        let program = folder.appendingPathComponent("program")
        let size = try Data(contentsOf: program).count
        let script = Data("#!/bin/sh\necho tampered\nexit 0\n".utf8)
        try (script + Data(repeating: 0x23, count: size - script.count)).write(to: program)
        #expect(try Data(contentsOf: program).count == size)
        let (result, report) = try build(book, ["--rerun", "notebook"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(report.compiled == ["notebook"])
        let page = try String(contentsOf: book.appendingPathComponent("site/notebook.html"), encoding: .utf8)
        #expect(TestSupport.preTexts(page).first == "counter is 1\n")
        #expect(!page.contains("tampered"))
    }

    /// Every page, highlight and run result is checked before use: one cut short or changed
    /// (here, to hold a script or other output) is made again, never published.
    @Test func aCutOrChangedPageHighlightOrResultIsMadeAgain() throws {
        let book = try TestSupport.copyFixture("kept-aside")
        let (cold, _) = try build(book)
        #expect(cold.status == 0, "\(cold.stderr)")
        let site = book.appendingPathComponent("site")
        let built = try String(contentsOf: site.appendingPathComponent("notebook.html"), encoding: .utf8)
        let cache = book.appendingPathComponent(".tutorial-cache")
        func entries(_ folder: String) throws -> [URL] {
            try FileManager.default.contentsOfDirectory(atPath: cache.appendingPathComponent(folder).path)
                .filter { $0.hasSuffix(".html") }.map { cache.appendingPathComponent(folder).appendingPathComponent($0) }
        }
        let pages = try entries("pages")
        let highlights = try entries("highlight")
        #expect(pages.count >= 3 && !highlights.isEmpty)
        let injected = Data("<script>alert('cache')</script>".utf8)
        for (number, entry) in pages.enumerated() {
            let data = try Data(contentsOf: entry)
            // Half cut to 200 bytes, half with a script put in after their first line.
            let changed = number % 2 == 0 ? data.prefix(200) : data.prefix(through: data.firstIndex(of: 0x0A) ?? 0) + injected + data
            try changed.write(to: entry)
        }
        for entry in highlights { try (Data(contentsOf: entry) + injected).write(to: entry) }
        // A run result that still reads as JSON, with other output.
        let results = try FileManager.default.subpathsOfDirectory(atPath: cache.appendingPathComponent("programs").path)
            .filter { $0.hasSuffix("/result.json") }.map { cache.appendingPathComponent("programs/\($0)") }
        #expect(!results.isEmpty)
        for entry in results {
            let text = try String(contentsOf: entry, encoding: .utf8)
            try text.replacingOccurrences(of: "counter is", with: "forged counter is").write(to: entry, atomically: true, encoding: .utf8)
        }
        let (rebuilt, report) = try build(book)
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        #expect(report.compiled.isEmpty && report.ran == ["notebook"])
        let page = try String(contentsOf: site.appendingPathComponent("notebook.html"), encoding: .utf8)
        // The same lines in each block (threads may finish in another order in the new run).
        func lines(_ html: String) -> [[Substring]] { TestSupport.preTexts(html).map { $0.split(separator: "\n").sorted() } }
        #expect(lines(page) == lines(built))
        #expect(!page.contains("forged counter"))
        for page in try FileManager.default.contentsOfDirectory(atPath: site.path) where page.hasSuffix(".html") || page.hasSuffix(".js") {
            let text = try String(contentsOf: site.appendingPathComponent(page), encoding: .utf8)
            #expect(!text.contains("alert('cache')"), "\(page)")
            // toc.js of a two-chapter book is short: whole, it ends its list.
            #expect(text.count > 200 || (page == "toc.js" && text.hasSuffix("];\n")), "\(page)")
        }
    }

    @Test func anExclusiveExampleRunsAloneWhileOthersOverlap() throws {
        let book = try TestSupport.copyFixture("scheduling")
        let (result, report) = try build(book, ["--jobs", "2"])
        #expect(result.status == 0, "\(result.stderr)")
        let exclusive = try #require(report.entry("measure"))
        #expect(exclusive.exclusive)
        let start = try #require(exclusive.runStartedAt)
        let end = try #require(exclusive.runEndedAt)
        for other in report.examples where other.name != "measure" {
            // No other run and no compile overlaps the exclusive run.
            if let otherStart = other.runStartedAt, let otherEnd = other.runEndedAt {
                #expect(otherEnd <= start || otherStart >= end, "\(other.name) ran during the exclusive run")
            }
            if let otherStart = other.compileStartedAt, let otherEnd = other.compileEndedAt {
                #expect(otherEnd <= start || otherStart >= end, "\(other.name) compiled during the exclusive run")
            }
        }
        // The exclusive example compiles last, since its run waits for everything else anyway.
        let measureCompiled = try #require(exclusive.compileStartedAt)
        for other in report.examples where other.name != "measure" {
            if let otherStart = other.compileStartedAt {
                #expect(otherStart <= measureCompiled, "\(other.name) compiled after the exclusive example")
            }
        }
        // The sleepers' runs overlap one another: runs are not limited to --jobs.
        let sleepers = report.examples.filter { $0.name.hasPrefix("sleeper") }.compactMap { entry in
            entry.runStartedAt.flatMap { start in entry.runEndedAt.map { (start, $0) } }
        }
        let overlapping = sleepers.contains { a in sleepers.contains { b in a != b && a.0 < b.1 && b.0 < a.1 } }
        #expect(overlapping)
        // Nothing timed them yet: the examples that sleep compile before the one that does not.
        let more = try #require(report.entry("more")?.compileStartedAt)
        for sleeper in report.examples where sleeper.name.hasPrefix("sleeper") {
            #expect(try #require(sleeper.compileStartedAt) <= more, "\(sleeper.name) compiled after `more`")
        }
    }

    /// `--report` gives the build's timeline: the tool's start-up, every compile and run, the
    /// highlighting, each step of the site and its writing, in the order they started.
    @Test func theReportHoldsTheBuildsTimeline() throws {
        let book = try TestSupport.copyFixture("kept-aside")
        let (result, report) = try build(book)
        #expect(result.status == 0, "\(result.stderr)")
        let kinds = Set(report.timeline.map(\.kind))
        #expect(kinds.isSuperset(of: ["start-up", "examples", "compile", "run", "highlight", "site", "write"]), "\(kinds)")
        for example in report.examples {
            #expect(report.timeline.contains { $0.kind == "compile" && $0.name == example.name })
            #expect(report.timeline.contains { $0.kind == "run" && $0.name == example.name })
        }
        #expect(report.timeline.map(\.start) == report.timeline.map(\.start).sorted())
        for step in report.timeline { #expect(step.start >= 0 && step.start <= step.end, "\(step)") }
        // The site is written after every run ended.
        let write = try #require(report.timeline.first { $0.kind == "write" })
        #expect(report.timeline.filter { $0.kind == "run" }.allSatisfy { $0.end <= write.start })
        // A rebuild from the cache compiles and runs nothing, and says so.
        let (_, again) = try build(book)
        #expect(!again.timeline.contains { $0.kind == "compile" || $0.kind == "run" })
    }
}
