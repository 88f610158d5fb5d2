import Testing
@testable import TutorialExecution

@Suite struct OutputSplitterTests {
    let token = "@@tutorial-test-token@@"

    func feed(_ splitter: inout OutputSplitter, _ text: String, _ stream: OutputChannel, _ time: Double) {
        splitter.feed(Array(text.utf8), from: stream, at: time)
    }

    @Test func splitsCellsAtBoundariesOnBothStreams() {
        var splitter = OutputSplitter(token: token, cellCount: 2)
        feed(&splitter, "\(token) 0\nfirst\n", .stdout, 0.01)
        feed(&splitter, "\(token) 0\n", .stderr, 0.01)
        feed(&splitter, "oops\n", .stderr, 0.5)
        feed(&splitter, "\(token) 1\nsecond\n", .stdout, 1.0)
        feed(&splitter, "\(token) 1\nlate error\n", .stderr, 1.2)
        let cells = splitter.finish()
        #expect(cells.count == 2)
        #expect(cells[0].lines.map(\.text) == ["first", "oops"])
        #expect(cells[0].lines.map(\.stream) == [.stdout, .stderr])
        #expect(cells[0].lines.map(\.time) == [0.01, 0.5])
        #expect(cells[0].start == 0.01)
        #expect(cells[1].lines.map(\.text) == ["second", "late error"])
        #expect(cells[1].lines.map(\.stream) == [.stdout, .stderr])
        #expect(cells[1].start == 1.0)
    }

    @Test func joinsLinesSplitAcrossChunksAndKeepsTheFirstByteTime() {
        var splitter = OutputSplitter(token: token, cellCount: 1)
        feed(&splitter, "\(token) 0\nhel", .stdout, 0.1)
        feed(&splitter, "lo\nwor", .stdout, 0.3)
        feed(&splitter, "ld", .stdout, 0.4)
        let cells = splitter.finish()
        #expect(cells[0].lines.map(\.text) == ["hello", "world"])
        #expect(cells[0].lines.map(\.time) == [0.1, 0.3])
        #expect(cells[0].lines.map(\.terminated) == [true, false])
        #expect(cells[0].text == "hello\nworld")
    }

    @Test func keepsAPartialLineBeforeABoundaryInThePreviousCell() {
        var splitter = OutputSplitter(token: token, cellCount: 2)
        feed(&splitter, "\(token) 0\nno newline\(token) 1\nnext\n", .stdout, 0)
        let cells = splitter.finish()
        #expect(cells[0].text == "no newline")
        #expect(cells[1].text == "next\n")
    }

    /// Through pipes a boundary can come in two reads: the chunk that ends it holds only part
    /// of the token, and the line is still a boundary.
    @Test func aBoundarySplitAcrossChunksIsStillFound() {
        var splitter = OutputSplitter(token: token, cellCount: 2)
        feed(&splitter, "\(token) 0\nfirst\n\(token.prefix(9))", .stdout, 0.1)
        feed(&splitter, "\(token.dropFirst(9)) 1\nsecond\n", .stdout, 0.2)
        let cells = splitter.finish()
        #expect(cells.map { $0.lines.map(\.text) } == [["first"], ["second"]])
        #expect(cells[1].start == 0.1)
    }

    @Test func aBoundaryWithAnotherTokenIsOrdinaryOutput() {
        var splitter = OutputSplitter(token: token, cellCount: 2)
        feed(&splitter, "\(token) 0\n@@tutorial-forged@@ 1\n", .stdout, 0)
        let cells = splitter.finish()
        #expect(cells[0].text == "@@tutorial-forged@@ 1\n")
        #expect(cells[1].lines.isEmpty)
        #expect(cells[1].start == nil)
    }

    @Test func capsTheLinesKeptAndCountsTheOmittedOnes() {
        var splitter = OutputSplitter(token: nil, cellCount: 1, limit: OutputLimit(head: 3, tail: 2, lineBytes: 10))
        for number in 1...100 {
            feed(&splitter, "line \(number)\n", .stdout, Double(number))
        }
        feed(&splitter, String(repeating: "x", count: 50) + "\n", .stdout, 101)
        let cell = splitter.finish()[0]
        #expect(cell.lines.map(\.text) == ["line 1", "line 2", "line 3", "line 100", "xxxxxxxxxx [line cut]"])
        #expect(cell.omittedLines == 96)
        #expect(cell.omissionIndex == 3)
    }

    @Test func capsTheBytesKeptAtEachEnd() {
        var splitter = OutputSplitter(token: nil, cellCount: 1, limit: OutputLimit(head: 100, tail: 100, bytesPerEnd: 20, lineBytes: 100))
        for number in 1...50 {
            feed(&splitter, "line \(number)\n", .stdout, Double(number))
        }
        let cell = splitter.finish()[0]
        // "line 1\n" and "line 2\n" fill 14 of the 20 bytes; "line 3\n" would pass them.
        #expect(cell.lines.map(\.text) == ["line 1", "line 2", "line 49", "line 50"])
        #expect(cell.omittedLines == 46)
    }

    @Test func decodesInvalidUTF8WithoutFailing() {
        var splitter = OutputSplitter(token: nil, cellCount: 1)
        splitter.feed([0x61, 0xFF, 0x62, 0x0A], from: .stdout, at: 0)
        #expect(splitter.finish()[0].lines[0].text == "a\u{FFFD}b")
    }
}
