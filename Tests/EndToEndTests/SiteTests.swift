import TestSupport
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// The generated site as files: links, example sources, timelines, search index, theme override.
@Suite struct SiteTests {
    func built(_ fixture: String = "site", prepare: (URL) throws -> Void = { _ in }) throws -> URL {
        let book = try TestSupport.copyFixture(fixture)
        try prepare(book)
        let result = try ToolProcess.run(["build", "--quiet"], in: book)
        #expect(result.status == 0, "\(result.stderr)")
        return book.appendingPathComponent("site")
    }

    @Test func everyInternalLinkAndAssetResolves() throws {
        let site = try built()
        let pages = try FileManager.default.contentsOfDirectory(atPath: site.path).filter { $0.hasSuffix(".html") }
        #expect(pages.count == 4)  // index, two chapters, print.html
        let regex = try NSRegularExpression(pattern: #"(?:href|src)="([^"]*)""#)
        for page in pages {
            let html = try String(contentsOf: site.appendingPathComponent(page), encoding: .utf8)
            let references = regex.matches(in: html, range: NSRange(html.startIndex..., in: html)).map {
                String(html[Range($0.range(at: 1), in: html)!])
            }
            #expect(references.count > 5)
            for reference in references {
                #expect(!reference.contains("://") && !reference.hasPrefix("/"), "\(page): \(reference) is not relative")
                let parts = reference.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                let file = parts[0].isEmpty ? page : String(parts[0])
                let target = site.appendingPathComponent(file)
                #expect(FileManager.default.fileExists(atPath: target.path), "\(page): \(reference) points to nothing")
                if parts.count == 2, let text = try? String(contentsOf: target, encoding: .utf8) {
                    #expect(text.contains("id=\"\(parts[1])\""), "\(page): no anchor \(parts[1]) in \(file)")
                }
            }
        }
    }

    @Test func anExampleSourceCompilesByItselfAndPrintsWhatThePageShows() throws {
        let site = try built()
        let source = site.appendingPathComponent("examples/searchable.swift")
        let text = try String(contentsOf: source, encoding: .utf8)
        #expect(text.contains("func greet"))
        #expect(!text.contains("_tutorialBoundary"))
        let folder = try TestSupport.temporaryDirectory("standalone")
        let compile = Process()
        compile.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        compile.arguments = ["swiftc", "-swift-version", "6", source.path, "-o", folder.appendingPathComponent("searchable").path]
        try compile.run()
        compile.waitUntilExit()
        #expect(compile.terminationStatus == 0)
        let run = Process()
        run.executableURL = folder.appendingPathComponent("searchable")
        let pipe = Pipe()
        run.standardOutput = pipe
        try run.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        run.waitUntilExit()
        let page = try String(contentsOf: site.appendingPathComponent("searchable.html"), encoding: .utf8)
        #expect(TestSupport.preTexts(page) == [output])
        #expect(page.contains("<code>swift run tutorial run searchable</code> <a href=\"examples/searchable.swift\">"))
        #expect(!page.contains("func</span> greet"), "the hidden cell is shown")
    }

    @Test func aTimelineIsDrawnForBlocksThatTookTime() throws {
        let site = try built()
        let html = try String(contentsOf: site.appendingPathComponent("timeline.html"), encoding: .utf8)
        // The slow block has one; the quick block too when a busy machine made it take 0.2 s
        // (which blocks get one is tested with given times in RenderingTests).
        #expect(html.components(separatedBy: "<svg class=\"timeline\"").count >= 2)
        #expect(html.contains("<text class=\"tl-label tl-err\""))
        #expect(html.contains("late thread says hello</text>"))
        #expect(html.contains("aria-label=\"Timeline of 3 lines over"))
    }

    @Test func theSearchIndexCoversTitlesHeadingsAndProse() throws {
        let site = try built()
        let script = try String(contentsOf: site.appendingPathComponent("search-index.js"), encoding: .utf8)
        #expect(script.hasPrefix("window.tutorialSearchIndex = ["))
        let json = script.dropFirst("window.tutorialSearchIndex = ".count).trimmingCharacters(in: CharacterSet(charactersIn: ";\n"))
        let entries = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: String]] ?? []
        let pangolin = entries.filter { ($0["x"] ?? "").contains("pangolin") }
        #expect(pangolin.map { $0["p"] } == ["searchable.html"])
        #expect(entries.contains { $0["h"] == "A quick cell" && $0["a"] == "a-quick-cell" && $0["p"] == "timeline.html" })
        #expect(entries.contains { $0["t"] == "Site Fixture" && $0["p"] == "index.html" })
        // The same book gives the same file: every entry's keys in one order (a dictionary's
        // order would change from one build to the next).
        #expect(json.hasPrefix("[{\"a\":"), "\(json.prefix(80))")
        #expect(json.components(separatedBy: "{\"a\":").count == entries.count + 1)
    }

    @Test func aThemeFolderOverridesFilesByName() throws {
        let site = try built { book in
            let theme = book.appendingPathComponent("theme")
            try FileManager.default.createDirectory(at: theme, withIntermediateDirectories: true)
            try "body { color: rebeccapurple; }\n".write(to: theme.appendingPathComponent("style.css"), atomically: true, encoding: .utf8)
            try "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{{title}}</title></head><body class=\"custom\">{{{content}}}</body></html>\n"
                .write(to: theme.appendingPathComponent("page.mustache"), atomically: true, encoding: .utf8)
            try Data([0x89, 0x50, 0x4E, 0x47]).write(to: theme.appendingPathComponent("logo.png"))
        }
        #expect(try String(contentsOf: site.appendingPathComponent("style.css"), encoding: .utf8) == "body { color: rebeccapurple; }\n")
        let page = try String(contentsOf: site.appendingPathComponent("timeline.html"), encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Timeline</title></head><body class=\"custom\">"))
        #expect(TestSupport.preTexts(page).last == "quick <output> & more\n")
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("logo.png").path))
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("tutorial.js").path))
    }

    @Test func serveRebuildsAndServesTheChangedPage() async throws {
        let book = try TestSupport.copyFixture("site")
        let port = Int.random(in: 20_000...40_000)
        let process = Process()
        process.executableURL = ToolProcess.executable
        process.arguments = ["serve", "--port", "\(port)", "--quiet"]
        process.currentDirectoryURL = book
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer {
            process.interrupt()
            process.waitUntilExit()
        }
        func fetch(_ path: String) async -> String? {
            guard let url = URL(string: "http://127.0.0.1:\(port)/\(path)"),
                  let (data, response) = try? await URLSession.shared.data(from: url),
                  (response as? HTTPURLResponse)?.statusCode == 200 else { return nil }
            return String(decoding: data, as: UTF8.self)
        }
        // Polls until `condition` holds; the bound only fails a server that never gets there (a
        // rebuild compiles, which a busy machine can make slow).
        func waitFor(_ path: String, until condition: (String) -> Bool) async -> String? {
            for _ in 0..<3_000 {
                if let page = await fetch(path), condition(page) { return page }
                try? await Task.sleep(for: .milliseconds(100))
            }
            return nil
        }
        let first = await waitFor("searchable.html") { _ in true }
        #expect(first.map { TestSupport.preTexts($0) } == ["hello, reader\n"])
        #expect(first?.contains("/__tutorial/version") == true)
        let version = await fetch("__tutorial/version")
        #expect(version == "0")
        #expect(await fetch("../etc/passwd") == nil)

        let chapter = book.appendingPathComponent("chapters/02-searchable.md")
        try (try String(contentsOf: chapter, encoding: .utf8)).replacingOccurrences(of: "greet(\"reader\")", with: "greet(\"server\")")
            .write(to: chapter, atomically: true, encoding: .utf8)
        let changed = await waitFor("searchable.html") { $0.contains("hello, server") }
        #expect(changed.map { TestSupport.preTexts($0) } == ["hello, server\n"])
        // The version goes up, which makes open pages reload (one save may be seen as two
        // changes; the page may be served a moment before the version moves).
        let newer = await waitFor("__tutorial/version") { (Int($0) ?? 0) >= 1 }
        #expect((newer.flatMap { Int($0) } ?? 0) >= 1, "version \(newer ?? "none")")
    }
}
