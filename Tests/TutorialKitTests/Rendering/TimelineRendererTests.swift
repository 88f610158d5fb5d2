import Testing
@testable import TutorialCheck
@testable import TutorialExecution
@testable import TutorialRender

/// Which blocks get a timeline, with given times: the end-to-end test cannot say, since a busy
/// machine can make a quick block take long enough for one.
@Suite struct TimelineRendererTests {
    func block(duration: Double) -> OutputBlock {
        var block = OutputBlock(
            lines: [OutputLine(stream: .stdout, text: "early", time: 0), OutputLine(stream: .stderr, text: "late", time: duration)],
            duration: duration, status: .ran)
        block.start = 0
        return block
    }

    @Test func onlyBlocksThatRanTheMinimumOrLongerGetATimeline() throws {
        #expect(TimelineRenderer.svg(block(duration: TimelineRenderer.minimumDuration / 2)) == nil)
        let svg = try #require(TimelineRenderer.svg(block(duration: TimelineRenderer.minimumDuration)))
        #expect(svg.contains("late</text>") && svg.contains("tl-err"))
    }

    /// A table printed at the end of a long run is not drawn as one column of cut-off labels.
    @Test func outputPrintedAllAtOnceGetsNoTimeline() throws {
        let table = (0..<5).map { OutputLine(stream: .stdout, text: "row \($0) | a wide table row", time: 1.9 + Double($0) * 0.001) }
        var block = OutputBlock(lines: table, duration: 2, status: .ran)
        block.start = 0
        #expect(TimelineRenderer.svg(block) == nil)
        // The same lines spread over the run are drawn.
        block.lines = table.enumerated().map { index, line in
            var spread = line
            spread.time = Double(index) * 0.4
            return spread
        }
        #expect(TimelineRenderer.svg(block) != nil)
        // A single line says nothing a caption does not.
        block.lines = [table[0]]
        #expect(TimelineRenderer.svg(block) == nil)
    }
}
