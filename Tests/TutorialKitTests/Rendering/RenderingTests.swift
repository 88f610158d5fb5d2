import TestSupport
import Testing
@testable import TutorialCheck
@testable import TutorialExecution
@testable import TutorialRender

@Suite struct RenderingTests {
    @Test func escapesProgramOutputAndMarksStderr() throws {
        let block = OutputBlock(
            lines: [
                OutputLine(stream: .stdout, text: "<script>alert('x')</script> & \"q\"", time: 0),
                OutputLine(stream: .stderr, text: "<b>err</b>", time: 0.1),
                OutputLine(stream: .stdout, text: "no newline", time: 0.2, terminated: false),
            ],
            duration: 2.014, status: .ran)
        let html = try OutputBlockRenderer.html(block)
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<b>"))
        #expect(html.contains("<span class=\"stderr\">&lt;b&gt;err&lt;/b&gt;\n</span>"))
        #expect(html.contains("ran in 2.01 s"))
        let texts = TestSupport.preTexts(html)
        #expect(texts == ["<script>alert('x')</script> & \"q\"\n<b>err</b>\nno newline"])
    }

    @Test func captionsSayHowTheProgramEnded() throws {
        let crashed = try OutputBlockRenderer.html(OutputBlock(lines: [], duration: 0.5, status: .failed(.signaled(4))))
        #expect(crashed.contains("killed by SIGILL"))
        #expect(crashed.contains("class=\"output-block failed\""))
        let exited = try OutputBlockRenderer.html(OutputBlock(lines: [], duration: nil, status: .failed(.exited(3))))
        #expect(exited.contains("exit 3"))
        let timedOut = try OutputBlockRenderer.html(OutputBlock(lines: [], duration: 30, status: .failed(.timedOut(seconds: 30))))
        #expect(timedOut.contains("timed out after 30 s"))
        let broken = try OutputBlockRenderer.html(OutputBlock(lines: [], duration: nil, status: .compileError("a.md:1:1: error: <x>")))
        #expect(broken.contains("<pre class=\"compiler-output\">a.md:1:1: error: &lt;x&gt;</pre>"))
    }

    @Test func showsOmittedLines() throws {
        var block = OutputBlock(
            lines: [OutputLine(stream: .stdout, text: "a", time: 0), OutputLine(stream: .stdout, text: "z", time: 1)],
            duration: 1, status: .ran)
        block.omitted = [.init(index: 1, count: 42)]
        #expect(TestSupport.preTexts(try OutputBlockRenderer.html(block)) == ["a\n... 42 lines omitted ...\nz\n"])
    }

    @Test func highlightsSwiftWithoutChangingItsText() {
        let code = "let x = \"<tag> & more\" // note\nfunc f() async -> Int { 42 }\n"
        let html = SwiftHighlighter.html(code)
        #expect(html.contains("<span class=\"kw\">let</span>"))
        #expect(html.contains("<span class=\"kw\">func</span>"))
        #expect(html.contains("<span class=\"num\">42</span>"))
        #expect(html.contains("<span class=\"cm\">// note</span>"))
        #expect(html.contains("<span class=\"ty\">Int</span>"))
        #expect(!html.contains("<tag>"))
        #expect(TestSupport.textContent(html) == code)
    }

    @Test func formatsSeconds() {
        #expect(Seconds.format(2.014) == "2.01 s")
        #expect(Seconds.format(0.05) == "0.05 s")
        #expect(Seconds.format(0) == "0.00 s")
        #expect(Seconds.format(3) == "3 s")
        #expect(Seconds.format(30) == "30 s")
        #expect(Seconds.format(12.6) == "13 s")
    }
}
