import TestSupport
import Testing
@testable import TutorialRender

/// Cells past ``SwiftHighlighter/sizeLimit`` are shown escaped, without colours: highlighting a
/// cell of megabytes took tens of seconds.
@Suite struct HighlightLimitTests {
    /// Swift code of at least `bytes` bytes, with a `<` and an `&` on every line.
    static func code(bytes: Int) -> String {
        var lines: [String] = []
        var size = 0
        while size <= bytes {
            let line = "let v\(lines.count) = \(lines.count) < 3 && true // <b>\n"
            lines.append(line)
            size += line.utf8.count
        }
        return lines.joined()
    }

    @Test func aCellPastTheLimitIsEscapedWithoutColours() {
        let big = Self.code(bytes: SwiftHighlighter.sizeLimit)
        #expect(big.utf8.count > SwiftHighlighter.sizeLimit)
        let html = SwiftHighlighter.html(big)
        #expect(!html.contains("<span"))
        #expect(!html.contains("<b>"))
        #expect(html.contains("let v0 = 0 &lt; 3 &amp;&amp; true // &lt;b&gt;\n"))
        #expect(TestSupport.textContent(html) == big)
    }

    @Test func aCellWithinTheLimitIsColoured() {
        let small = Self.code(bytes: SwiftHighlighter.sizeLimit / 2)
        #expect(small.utf8.count <= SwiftHighlighter.sizeLimit)
        let html = SwiftHighlighter.html(small)
        #expect(html.contains("<span class=\"kw\">let</span>"))
        #expect(html.contains("<span class=\"cm\">// &lt;b&gt;</span>"))
        #expect(TestSupport.textContent(html) == small)
    }
}
