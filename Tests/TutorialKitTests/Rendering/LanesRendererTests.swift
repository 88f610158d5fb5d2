import Testing
@testable import TutorialExecution
@testable import TutorialModel
@testable import TutorialRender

/// The lanes view: lanes named by first appearance, each line in its lane by `data-line` and
/// `data-lane`, and limits that keep a page small whatever the program printed.
@Suite struct LanesRendererTests {
    func line(_ text: String, _ time: Double, _ origin: LineOrigin?, stream: OutputChannel = .stdout) -> OutputLine {
        var line = OutputLine(stream: stream, text: text, time: time)
        line.origin = origin
        return line
    }

    let main = LineOrigin(thread: 100, mainThread: true, task: "t1", actor: .init(id: nil, type: "MainActor"))
    let worker = LineOrigin(thread: 101, mainThread: false, threadName: "worker")
    let pool = LineOrigin(thread: 102, mainThread: false, threadName: "oot.default-qos", task: "t2", actor: .init(id: "9", type: "Counter"))
    let pool2 = LineOrigin(thread: 103, mainThread: false, threadName: "-qos.overcommit", task: "t3", actor: .init(id: "8", type: "Counter"))
    let bare = LineOrigin(thread: 104, mainThread: false)

    /// Each mark's line index and lane, in the order drawn.
    func marks(_ html: String) -> [Int: String] {
        var result: [Int: String] = [:]
        for part in html.components(separatedBy: "<g class=\"ln-mark").dropFirst() {
            let index = Int(part.between("data-line=\"", "\"")!)!
            result[index] = part.between("data-lane=\"", "\"")!
        }
        return result
    }

    func lanes(_ html: String) -> [String] {
        html.components(separatedBy: "<div class=\"lane\" data-lane=\"").dropFirst().map { $0.between("", "\"")! }
    }

    @Test func threadsAreNamedByFirstAppearanceTheMainThreadFirstOtherLast() throws {
        let lines = [
            line("w", 0.1, worker), line("raw", 0.2, nil), line("p", 0.3, pool), line("m", 0.4, main),
            line("b", 0.5, bare), line("q", 0.6, pool2), line("p again", 0.7, pool),
        ]
        let html = try #require(LanesRenderer.html(lines: lines, start: 0, duration: 1, grouping: .thread))
        #expect(lanes(html) == ["main thread", "worker", "pool thread 1", "thread 1", "pool thread 2", "other"])
        #expect(marks(html) == [
            0: "worker", 1: "other", 2: "pool thread 1", 3: "main thread", 4: "thread 1", 5: "pool thread 2", 6: "pool thread 1",
        ])
    }

    @Test func tasksAndActorsHaveLanesOfTheirOwn() throws {
        let lines = [line("p", 0.1, pool), line("m", 0.2, main), line("b", 0.3, bare), line("q", 0.4, pool2), line("raw", 0.5, nil)]
        let tasks = try #require(LanesRenderer.html(lines: lines, start: 0, duration: 1, grouping: .task))
        #expect(lanes(tasks) == ["task 1", "task 2", "no task", "task 3", "other"])
        let actors = try #require(LanesRenderer.html(lines: lines, start: 0, duration: 1, grouping: .actor))
        #expect(lanes(actors) == ["main actor", "Counter #1", "nonisolated", "Counter #2", "other"])
        #expect(marks(actors) == [0: "Counter #1", 1: "main actor", 2: "nonisolated", 3: "Counter #2", 4: "other"])
    }

    @Test func namesAndTextsAreEscaped() throws {
        let odd = LineOrigin(thread: 5, mainThread: false, threadName: "<b>\"x\"")
        let html = try #require(LanesRenderer.html(lines: [line("<script>", 0, odd)], start: 0, duration: 1, grouping: .thread))
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<b>"))
        #expect(html.contains("&lt;script&gt;"))
        #expect(lanes(html) == ["&lt;b&gt;&quot;x&quot;"])
    }

    /// A million lines from a thousand threads: a bounded number of marks and lanes, and the rest counted.
    @Test func manyLinesAndThreadsAreCapped() throws {
        let lines = (0..<100_000).map { line("line \($0)", Double($0) / 100_000, LineOrigin(thread: $0 % 1000, mainThread: false)) }
        let html = try #require(LanesRenderer.html(lines: lines, start: 0, duration: 1, grouping: .thread))
        #expect(marks(html).count == LanesRenderer.maximumMarks)
        #expect(lanes(html).count == LaneLayout.maximumLanes + 1)
        #expect(lanes(html).last == "\(1000 - LaneLayout.maximumLanes) more threads")
        #expect(html.contains("\(100_000 - LanesRenderer.maximumMarks) more lines not drawn"))
        // Many lines are ticks, without their text.
        #expect(!html.contains("line 5<"))
    }

    @Test func aBlockWithoutLanesShowsNone() {
        #expect(LanesRenderer.html(lines: [], start: 0, duration: 1, grouping: .thread) == nil)
    }
}

extension String {
    /// The text between the first `start` and the `end` after it.
    fileprivate func between(_ start: String, _ end: String) -> String? {
        guard let from = start.isEmpty ? startIndex : range(of: start)?.upperBound,
              let to = self[from...].range(of: end)?.lowerBound else { return nil }
        return String(self[from..<to])
    }
}
