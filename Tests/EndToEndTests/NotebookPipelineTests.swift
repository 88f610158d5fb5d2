import Foundation
import TestSupport
import Testing

/// A run from the notebook goes through the build's own pipeline: a `runs=N` example runs N
/// times, an output block that differs is the same failure, and a memory limit stops a hog with
/// the same message, as in the build `serve` makes of the same book with the same options.
@Suite(.serialized) struct NotebookPipelineTests {
    typealias Server = NotebookTests.Server

    /// A server of the fixture book whose first build ran with a memory limit of 256 MiB.
    static func server() throws -> Server {
        try Server(fixture: "notebook-pipeline", options: ["--memory-limit", "256M"])
    }

    /// The last event of a notebook run of `example`, with `cells` edited (JSON string literals).
    static func done(_ server: Server, example: String, cells: [String: String] = [:]) throws -> [String: Any] {
        let edits = cells.map { #""\#($0.key)":"\#($0.value)""# }.joined(separator: ",")
        let body = #"{"example":"\#(example)","cells":{\#(edits)}}"#
        let answer = try NotebookTests.curl(["-X", "POST"] + server.good + ["--data", body, "\(server.origin)/__tutorial/run"])
        #expect(answer.status == 200, "\(answer.body)")
        let line = answer.body.split(separator: "\n").first { $0.contains(#""event":"done""#) } ?? ""
        return (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]) ?? [:]
    }

    /// The HTML of every place the notebook's answer fills, joined.
    static func places(_ done: [String: Any]) -> String {
        ((done["places"] as? [[String: Any]]) ?? []).compactMap { $0["html"] as? String }.joined()
    }

    /// The diagnostics the first build printed about `example`'s cells, in its words.
    static func buildSays(_ server: Server, _ fragment: String) -> [String] {
        server.startup.split(separator: "\n").map(String.init).filter { $0.contains("error:") && $0.contains(fragment) }
    }

    /// The text of every `runs-headline` paragraph of `html`.
    static func headlines(_ html: String) -> [String] {
        html.matches(of: /<p class="runs-headline">([^<]*)/).map { String($0.output.1) }
    }

    @Test func aRunsExampleRunsEveryTimeAndShowsTheBuildsManyRunsView() throws {
        let server = try Self.server()
        let page = try String(contentsOf: server.book.appendingPathComponent("site/pipeline.html"), encoding: .utf8)
        let built = Self.headlines(page)
        #expect(built.count == 1 && built[0].contains("3"), "the build's page shows no many-runs view: \(built)")
        let done = try Self.done(server, example: "thrice")
        #expect(Self.headlines(Self.places(done)) == built, "\(done)")
        #expect(done["succeeded"] as? Bool == true, "\(done)")
    }

    @Test func aLearnersRunIsShownNotComparedWithTheOutputBlock() throws {
        let server = try Self.server()
        // The build judges the book by its output block...
        #expect(Self.buildSays(server, "differs from the expected output").count == 1, "\(server.startup)")
        // ...the notebook shows what the code printed, and how it ended.
        let done = try Self.done(server, example: "wrong")
        #expect((done["problems"] as? [String]) == [], "\(done)")
        #expect(Self.places(done).contains("two") && !Self.places(done).contains("differs"), "\(done)")
        #expect(done["succeeded"] as? Bool == true, "\(done)")
    }

    @Test func anEditThatBreaksAHiddenCheckStillShowsTheLearnersOutput() throws {
        let server = try Self.server()
        #expect(Self.buildSays(server, "01-pipeline.md").allSatisfy { !$0.contains("checked") }, "\(server.startup)")
        let edit = #"let sleeps = [1, 2]\nprint(\"slept \\(sleeps.reduce(0, +)) s in all\")"#
        let done = try Self.done(server, example: "checked", cells: ["0": edit])
        let places = Self.places(done)
        #expect(places.contains("slept 3 s in all"), "\(done)")
        #expect(!places.contains("prose says") && !places.contains("differs"), "\(done)")
        #expect((done["problems"] as? [String]) == [], "\(done)")
        #expect(done["succeeded"] as? Bool == true, "\(done)")
    }

    @Test func aFixedCompileFailCellRunsAsTheLearnersCode() throws {
        let server = try Self.server()
        let done = try Self.done(server, example: "mistake", cells: ["0": #"let count: Int = 3\nprint(\"count \\(count)\")"#])
        #expect(Self.places(done).contains("count 3") && !Self.places(done).contains("must not"), "\(done)")
        #expect(done["succeeded"] as? Bool == true, "\(done)")
        // Unedited, it does not compile: the learner sees the compiler's error, not a verdict.
        let unedited = try Self.done(server, example: "mistake")
        #expect(unedited["ending"] as? String == "did not compile" && unedited["succeeded"] as? Bool == false, "\(unedited)")
    }

    @Test func aMemoryLimitStopsAHogWithTheBuildsMessage() throws {
        let server = try Self.server()
        let built = Self.buildSays(server, "exceeded the memory limit")
        #expect(built.count == 1, "\(server.startup)")
        let done = try Self.done(server, example: "hog")
        let problems = (done["problems"] as? [String]) ?? []
        #expect(!built.isEmpty && problems.contains(built[0]), "\(done)")
        #expect(!Self.places(done).contains("touched"), "\(done)")
        #expect(done["succeeded"] as? Bool == false, "\(done)")
    }

    /// The same, in Chromium: an edit that breaks a hidden check shows the learner's output, and
    /// a `runs=N` example shows its distribution.
    @Test(.enabled(if: BrowserTests.seleniumReady || Tools.inCI, "chromium, chromedriver or selenium is not installed"))
    func aLearnersRunInTheBrowser() throws {
        let book = try TestSupport.copyFixture("notebook-pipeline")
        let script = TestSupport.fixtures.deletingLastPathComponent().appendingPathComponent("Browser/learner_run_test.py")
        let port = Int.random(in: 60_001...64_000)
        let result = try BrowserTests().run("python3", [script.path, ToolProcess.executable.path, book.path, "\(port)"])
        #expect(result.status == 0 && result.output.contains("0 failed checks"), "\(result.output)")
    }
}
