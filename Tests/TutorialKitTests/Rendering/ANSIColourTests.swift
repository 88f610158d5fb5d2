import TestSupport
import Testing
@testable import TutorialCheck
@testable import TutorialExecution
@testable import TutorialRender
@testable import TutorialSupport

/// Terminal colours (SGR escape sequences) in program output are shown as coloured spans, never
/// as raw escapes; everything else stays escaped as before, whatever the input.
@Suite struct ANSIColourTests {
    let escape = "\u{1B}"

    func block(_ lines: [OutputLine]) throws -> String {
        try OutputBlockRenderer.html(OutputBlock(lines: lines, duration: 0.01, status: .ran))
    }

    @Test func theSixteenColoursBoldAndResetBecomeSpans() {
        let html = ANSIHTML.html("\(escape)[91m✘\(escape)[0m Test \(escape)[1;32mok\(escape)[22m still green\(escape)[m plain")
        #expect(html == "<span class=\"ansi-fg-9\">✘</span> Test <span class=\"ansi-bold ansi-fg-2\">ok</span><span class=\"ansi-fg-2\"> still green</span> plain")
        #expect(ANSIHTML.html("\(escape)[30;47mx\(escape)[39;49my") == "<span class=\"ansi-fg-0 ansi-bg-7\">x</span>y")
        #expect(ANSIHTML.html("\(escape)[90mgrey\(escape)[101mon red") == "<span class=\"ansi-fg-8\">grey</span><span class=\"ansi-fg-8 ansi-bg-9\">on red</span>")
    }

    @Test func twoHundredFiftySixColoursCarryTheirValue() {
        #expect(ANSIHTML.html("\(escape)[38;5;196mred") == "<span class=\"ansi-fg-x\" style=\"--ansi-fg:#ff0000\">red</span>")
        #expect(ANSIHTML.html("\(escape)[48;5;232mdark") == "<span class=\"ansi-bg-x\" style=\"--ansi-bg:#080808\">dark</span>")
        #expect(ANSIHTML.html("\(escape)[38;5;4mblue") == "<span class=\"ansi-fg-4\">blue</span>")
        // 24-bit colours are consumed and leave the colour as it was; the 1 after them still counts.
        #expect(ANSIHTML.html("\(escape)[38;2;1;2;3;1mbold") == "<span class=\"ansi-bold\">bold</span>")
    }

    @Test func textInsideColoursIsStillEscaped() {
        let html = ANSIHTML.html("\(escape)[31m<script>&\"'\(escape)[0m")
        #expect(html == "<span class=\"ansi-fg-1\">&lt;script&gt;&amp;&quot;&#39;</span>")
    }

    @Test func otherAndBrokenSequencesStayVisible() {
        // Not SGR (cursor movement), unterminated, a letter inside, a lone escape: shown as before.
        for text in ["\(escape)[2J", "\(escape)[31", "\(escape)[3x1m", "\(escape)", "\(escape)]0;title\u{7}"] {
            #expect(ANSIHTML.html(text) == HTML.escape(text), "\(text.debugDescription)")
        }
        // An overlong sequence is text, not a style.
        let long = "\(escape)[" + String(repeating: "1;", count: 200) + "31mx"
        #expect(ANSIHTML.html(long) == HTML.escape(long))
    }

    @Test func hostileInputStaysBoundedAndNeverRaw() {
        let codes = String(repeating: "\(escape)[31m\(escape)[1m\(escape)[0m", count: 5_000) + "end"
        let html = ANSIHTML.html(codes)
        #expect(html == "end")
        let alternating = String(repeating: "\(escape)[3\(1)mA\(escape)[0mB", count: 5_000)
        let rendered = ANSIHTML.html(alternating)
        #expect(!rendered.contains(escape))
        #expect(rendered.utf8.count < alternating.utf8.count * 6)
        // Huge numbers saturate instead of overflowing.
        #expect(ANSIHTML.html("\(escape)[99999999999999999999999mx") == "x")
        // Invalid UTF-8 decoded with replacement characters still renders.
        let decoded = String(decoding: [0x1B, 0x5B, 0x33, 0x31, 0x6D, 0xFF, 0xC3, 0x1B, 0x5B, 0x6D], as: UTF8.self)
        #expect(ANSIHTML.html(decoded) == "<span class=\"ansi-fg-1\">\u{FFFD}\u{FFFD}</span>")
    }

    @Test func outputBlocksShowColoursPerStreamAcrossLines() throws {
        let html = try block([
            OutputLine(stream: .stdout, text: "\(escape)[32mgreen starts", time: 0),
            OutputLine(stream: .stderr, text: "error, uncoloured", time: 0),
            OutputLine(stream: .stdout, text: "still green\(escape)[0m done", time: 0),
        ])
        #expect(!html.contains(escape))
        #expect(html.contains("<span class=\"ansi-fg-2\">green starts</span>\n<span class=\"stderr\">error, uncoloured\n</span><span class=\"ansi-fg-2\">still green</span> done"))
        #expect(TestSupport.preTexts(html).first == "green starts\nerror, uncoloured\nstill green done\n")
    }

    @Test func timelinesShowTheTextWithoutEscapes() throws {
        // Two lines apart in time: a timeline is drawn only for output that comes over time.
        var block = OutputBlock(lines: [
            OutputLine(stream: .stdout, text: "starting", time: 0.1),
            OutputLine(stream: .stdout, text: "\(escape)[92m✔\(escape)[0m passed", time: 0.5),
        ], duration: 1, status: .ran)
        block.start = 0
        let svg = try #require(TimelineRenderer.svg(block))
        #expect(svg.contains(">✔ passed</text>"))
        #expect(ANSIText.stripped("\(escape)[1ma\(escape)[2Jb") == "a\(escape)[2Jb")
    }
}

/// A test cell's report times each test itself: its block gets no timeline; the same lines from
/// another cell do.
@Suite struct TestReportTimelineTests {
    func block(_ source: String) -> OutputBlock {
        var block = OutputBlock(lines: [
            OutputLine(stream: .stdout, text: "◇ Test run started.", time: 0.1),
            OutputLine(stream: .stdout, text: "✔ Test run with 1 test passed.", time: 0.9),
        ], duration: 1, status: .ran)
        block.start = 0
        block.example = TestSupport.example(source)
        block.cellIndices = [0]
        return block
    }

    @Test func aTestCellsReportHasNoTimeline() {
        #expect(TimelineView().html(for: block("```swift test\nimport Testing\n@Test func a() {}\n```\n")) == nil)
        #expect(TimelineView().html(for: block("```swift\nprint(1)\n```\n")) != nil)
    }

    /// `no_timeline`: the author turns the timeline off where its moments tell nothing.
    @Test func noTimelineTurnsItOff() {
        #expect(TimelineView().html(for: block("```swift no_timeline\nprint(1)\n```\n")) == nil)
    }
}
