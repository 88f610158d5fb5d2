import Foundation
import Testing
@testable import TutorialExecution

/// The tags a `lanes` program's `print` puts before each line: read into the line's origin and
/// removed from its text; anything that is not a whole tag stays text.
@Suite struct LaneTagTests {
    let token = "@@tutorial-test-token@@"

    /// A tag as the generated `print` writes it.
    func tag(thread: Int = 7, main: Bool = false, name: String = "", task: String = "", actor: String = "", type: String = "") -> String {
        "\(token)\u{1}\(thread)\u{1F}\(main ? 1 : 0)\u{1F}\(name)\u{1F}\(task)\u{1F}\(actor)\u{1F}\(type)\u{2}"
    }

    func lines(_ chunks: [(String, OutputChannel)]) -> [OutputLine] {
        var splitter = OutputSplitter(token: token, cellCount: 1)
        splitter.feed(Array("\(token) 0\n".utf8), from: .stdout, at: 0)
        for (index, (text, stream)) in chunks.enumerated() {
            splitter.feed(Array(text.utf8), from: stream, at: Double(index + 1))
        }
        return splitter.finish()[0].lines
    }

    @Test func aTaggedLineKeepsItsTextAndGetsItsOrigin() {
        let result = lines([
            (tag(thread: 41, main: true, task: "ab12", actor: "M") + "top level\n", .stdout),
            (tag(thread: 42, name: "oot.default-qos", task: "cd", actor: "99", type: "Counter") + "counter 1\n", .stdout),
        ])
        #expect(result.map(\.text) == ["top level", "counter 1"])
        #expect(result[0].origin == LineOrigin(thread: 41, mainThread: true, task: "ab12", actor: .init(id: nil, type: "MainActor")))
        #expect(result[1].origin == LineOrigin(
            thread: 42, mainThread: false, threadName: "oot.default-qos", task: "cd", actor: .init(id: "99", type: "Counter")))
    }

    @Test func untaggedLinesAndStderrHaveNoOrigin() {
        let result = lines([("raw write\n", .stdout), (tag() + "to stderr\n", .stderr)])
        #expect(result[0].text == "raw write")
        #expect(result[0].origin == nil)
        // A tag on stderr is not one the program wrote: the text stays whole.
        #expect(result[1].text == tag() + "to stderr")
        #expect(result[1].origin == nil)
    }

    /// `print("a", terminator: "")` then `print("b")`: one line, two tags; the first says who began it.
    @Test func aLineBuiltByTwoPrintsKeepsTheFirstOrigin() {
        let result = lines([(tag(thread: 1) + "a", .stdout), (tag(thread: 2) + "b\n", .stdout)])
        #expect(result.map(\.text) == ["ab"])
        #expect(result[0].origin?.thread == 1)
    }

    @Test func aTaggedPartialLineBeforeABoundaryStaysInItsCell() {
        var splitter = OutputSplitter(token: token, cellCount: 2)
        splitter.feed(Array("\(token) 0\n\(tag(thread: 3))no newline\(token) 1\n\(tag(thread: 4))next\n".utf8), from: .stdout, at: 0)
        let cells = splitter.finish()
        #expect(cells[0].lines.map(\.text) == ["no newline"])
        #expect(cells[0].lines.first?.terminated == false)
        #expect(cells[0].lines.first?.origin?.thread == 3)
        #expect(cells[1].lines.map(\.text) == ["next"])
        #expect(cells[1].lines.first?.origin?.thread == 4)
    }

    /// Forged or broken tags: the line keeps every byte, and has no origin.
    @Test(arguments: [
        "\u{1}7\u{1F}0\u{1F}\u{1F}\u{1F}\u{1F}",  // no end
        "\u{1}x\u{1F}0\u{1F}\u{1F}\u{1F}\u{1F}\u{2}",  // thread not a number
        "\u{1}7\u{1F}2\u{1F}\u{1F}\u{1F}\u{1F}\u{2}",  // main neither 0 nor 1
        "\u{1}7\u{1F}0\u{1F}\u{1F}\u{2}",  // too few fields
        "\u{1}7\u{1F}0\u{1F}\u{1F}\u{1F}\u{1F}\u{1F}\u{1F}\u{2}",  // too many
        "\u{1}",  // the token and a start, nothing else
    ])
    func aMalformedTagStaysText(_ rest: String) {
        let result = lines([(token + rest + "text\n", .stdout)])
        #expect(result.map(\.text) == [token + rest + "text"])
        #expect(result[0].origin == nil)
    }

    @Test func aTagOfAnotherTokenIsText() {
        let forged = tag().replacingOccurrences(of: token, with: "@@another-token-here@@")
        let result = lines([(forged + "hello\n", .stdout)])
        #expect(result.map(\.text) == [forged + "hello"])
        #expect(result[0].origin == nil)
    }

    @Test func aLongLineOfBinaryAfterATagIsKeptWhole() {
        let binary = String(decoding: (0..<4_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }.filter { $0 != 10 }, as: UTF8.self)
        let result = lines([(tag(thread: 9) + binary + "\n", .stdout)])
        #expect(result.count == 1)
        #expect(result[0].text == binary)
        #expect(result[0].origin?.thread == 9)
    }

    /// `tutorial run` echoes the output: tags go, their lines stay; boundaries go whole.
    @Test func theTerminalEchoDropsTagsAndKeepsTheirLines() {
        let filter = BoundaryFilter(token: token)
        let echoed = filter.removeBoundaries(Array("\(token) 0\n\(tag())one\n\(tag(thread: 2))two\(tag(thread: 3)) more\nraw\n".utf8))
        #expect(String(decoding: echoed, as: UTF8.self) == "one\ntwo more\nraw\n")
    }

    /// Runs cached before lanes existed have no `origin`: they still decode.
    @Test func aLineEncodedWithoutOriginDecodes() throws {
        let json = #"{"stream":"stdout","text":"hi","time":0.5,"terminated":true}"#
        let line = try JSONDecoder().decode(OutputLine.self, from: Data(json.utf8))
        #expect(line.text == "hi")
        #expect(line.origin == nil)
        let again = try JSONDecoder().decode(OutputLine.self, from: JSONEncoder().encode(line))
        #expect(again == line)
    }
}
