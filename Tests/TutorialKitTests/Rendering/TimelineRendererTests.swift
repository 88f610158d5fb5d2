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
}
