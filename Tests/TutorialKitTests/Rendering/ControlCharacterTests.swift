import TestSupport
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import TutorialCheck
@testable import TutorialExecution
@testable import TutorialRender

/// Bytes a page cannot hold (control characters, noncharacters) are shown visibly, in output
/// blocks and in timeline labels alike.
@Suite struct ControlCharacterTests {
    /// Characters that are not allowed in HTML text (or XML, for the SVG): controls other than
    /// tab, line feed and carriage return, C1 controls, noncharacters.
    func invalidScalars(_ text: String) -> [UInt32] {
        text.unicodeScalars.map(\.value).filter { value in
            (value < 0x20 && value != 0x09 && value != 0x0A && value != 0x0D) || (0x7F...0x9F).contains(value)
                || (0xFDD0...0xFDEF).contains(value) || value & 0xFFFE == 0xFFFE
        }
    }

    let nasty = "\u{1B}[31mred\u{1B}[0m bell\u{07} nul\u{0} del\u{7F} c1\u{85} non\u{FFFE}\u{FFFF}\u{1FFFF} tab\there"

    @Test func escapeShowsControlCharactersVisibly() {
        let escaped = HTML.escape(nasty)
        #expect(invalidScalars(escaped).isEmpty)
        #expect(escaped == "␛[31mred␛[0m bell␇ nul␀ del␡ c1\\x85 non\u{FFFD}\u{FFFD}\u{FFFD} tab\there")
        #expect(HTML.escape("a\r\nb\rc\n") == "a\r\nb␍c\n")
        #expect(HTML.escape("<&>\"' é 🙂") == "&lt;&amp;&gt;&quot;&#39; é 🙂")
    }

    @Test func outputBlocksAndTimelinesHoldNoInvalidCharacter() throws {
        let block = OutputBlock(
            lines: [
                OutputLine(stream: .stdout, text: nasty, time: 0.1),
                OutputLine(stream: .stderr, text: "err\u{1B}[1m\u{0}", time: 0.5),
            ],
            duration: 1, status: .ran)
        var timed = block
        timed.start = 0
        let html = try OutputBlockRenderer.html(block)
        #expect(invalidScalars(html).isEmpty, "\(invalidScalars(html))")
        // Colour sequences (SGR) are shown as colour; the other controls visibly.
        #expect(html.contains("<span class=\"ansi-fg-1\">red</span> bell␇ nul␀"))
        let svg = try #require(TimelineRenderer.svg(timed))
        #expect(invalidScalars(svg).isEmpty, "\(invalidScalars(svg))")
        #expect(svg.contains("err␀</text>"))
        // The SVG is well-formed XML.
        _ = try XMLDocument(xmlString: svg)
    }
}
