import Testing
@testable import TutorialRender

/// ThreadSanitizer's sentence names code between backticks: the page shows it as code.
@Suite struct CodeSpansTests {
    @Test func backtickPairsBecomeCodeAndTheRestIsEscaped() {
        #expect(HTML.codeSpans("write of `counter` at race.md:4") == "write of <code>counter</code> at race.md:4")
        #expect(HTML.codeSpans("`a<b>` & `c`") == "<code>a&lt;b&gt;</code> &amp; <code>c</code>")
        #expect(HTML.codeSpans("one ` alone") == "one ` alone")
        #expect(HTML.codeSpans("plain") == "plain")
    }
}
