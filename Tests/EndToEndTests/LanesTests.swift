import TestSupport
import Foundation
import Testing

/// `lanes`: each line of output in the lane of the thread, task or actor that printed it, read
/// from the page's data attributes; the text stays what the program printed.
@Suite struct LanesTests {
    /// Every mark of the lanes views of a page, in order: its line index and its lane.
    static func marks(_ html: String) -> [[Int: String]] {
        html.components(separatedBy: "<div class=\"lanes\"").dropFirst().map { view in
            let view = view.components(separatedBy: "</div>\n</div>").first ?? view
            var marks: [Int: String] = [:]
            for match in view.matches(of: /<g class="ln-mark ln-[a-z]+" data-line="([0-9]+)" data-lane="([^"]*)">/) {
                marks[Int(match.1)!] = String(match.2)
            }
            return marks
        }
    }

    static func page(_ book: URL, _ name: String) throws -> String {
        try String(contentsOf: book.appendingPathComponent("site/\(name).html"), encoding: .utf8)
    }

    static let book = Result { () throws -> URL in
        let book = try TestSupport.copyFixture("lanes")
        let result = try ToolProcess.run(["build"], in: book)
        guard result.status == 0 else { throw BuildFailure(stderr: result.stderr) }
        return book
    }

    struct BuildFailure: Error { var stderr: String }

    @Test func twoThreadsTheMainThreadAndARawWriteEachInTheirLane() throws {
        let html = try Self.page(Self.book.get(), "threads")
        // The text is exactly what the program printed, tags and all gone.
        #expect(TestSupport.preTexts(html) == ["main <1>\nfirst thread\nsecond thread\nraw write\nmain & 2\n"])
        #expect(html.contains("main &lt;1&gt;") && !html.contains("main <1>"))
        #expect(Self.marks(html) == [[0: "main thread", 1: "thread 1", 2: "thread 2", 3: "other", 4: "main thread"]])
        #expect(html.contains("data-grouping=\"thread\""))
        // `tutorial run` shows the text too, without the tags.
        let run = try ToolProcess.run(["run", "threads"], in: Self.book.get())
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "main <1>\nfirst thread\nsecond thread\nraw write\nmain & 2\n")
        // The lanes take the timeline's place.
        #expect(!html.contains("<svg class=\"timeline\""))
    }

    @Test func actorInstancesTheMainActorAndNoneOptimized() throws {
        let html = try Self.page(Self.book.get(), "actors")
        #expect(TestSupport.preTexts(html) == ["top level\ncounter 1\ncounter 1\ncounter 2\nmain-actor task\ndetached task\n"])
        #expect(Self.marks(html) == [[
            0: "main actor", 1: "Counter #1", 2: "Counter #2", 3: "Counter #1", 4: "main actor", 5: "nonisolated",
        ]])
        #expect(html.contains("optimized (-O)"))
    }

    @Test func theMainTaskAChildTaskAndAnUnstructuredTask() throws {
        let html = try Self.page(Self.book.get(), "tasks")
        // One view: the block of the cell that says `lanes`, not the next one's.
        #expect(Self.marks(html) == [[0: "top-level code", 1: "task 1", 2: "task 2", 3: "top-level code"]])
        #expect(TestSupport.preTexts(html).last == "a cell without lanes\n")
    }

    @Test(.enabled(if: Tools.threadSanitizer || Tools.inCI, "ThreadSanitizer does not run on this machine (a probe compiled with -sanitize=thread failed)"))
    func underThreadSanitizerTheLanesAreThereAndNoRace() throws {
        let html = try Self.page(Self.book.get(), "sanitized")
        #expect(!html.contains("tsan-report"))
        let marks = try #require(Self.marks(html).first)
        #expect(marks.count == 3)
        #expect(marks[2] == "main thread")
        #expect(Set([marks[0], marks[1]]) == ["thread 1", "thread 2"])
    }

    /// 100,000 lines, one of 10 MB, and binary: the lanes draw a bounded number of marks and say
    /// how many they left out; the text keeps its last line.
    @Test func aHostileProgramGetsBoundedLanes() throws {
        let html = try Self.page(Self.book.get(), "hostile")
        let view = try #require(html.components(separatedBy: "<div class=\"lanes\"").dropFirst().first)
        let lanes = view.components(separatedBy: "</div>\n</div>").first ?? view
        let marks = try #require(Self.marks(html).first)
        #expect(marks.count == 2000)
        #expect(Set(marks.values) == ["main thread"])
        #expect(lanes.utf8.count < 400_000, "the lanes view holds \(lanes.utf8.count) bytes")
        #expect(lanes.contains("more lines not drawn"))
        #expect(TestSupport.preTexts(html).first?.hasSuffix("last\n") == true)
    }

    @Test func manyRunsShowTheLanesOfTheMostFrequentOutput() throws {
        let html = try Self.page(Self.book.get(), "runs")
        #expect(html.contains("The same output in all 3 runs"))
        #expect(Self.marks(html) == [[0: "main actor", 1: "Counter #1"]])
    }
}
