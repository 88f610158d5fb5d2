import Foundation
import TestSupport
import Testing
@testable import TutorialModel

/// The prose of a page is written as cmark writes it: every example of the CommonMark 0.30 spec
/// renders byte for byte as `cmark_markdown_to_html` renders it with its default (safe) options,
/// heading ids aside.
@Suite struct CommonMarkSpecTests {
    private struct Example: Decodable {
        var markdown: String
        var example: Int
    }

    @Test(.enabled(if: Tools.commonMarkSpec != nil || Tools.inCI,
                   "no CommonMark spec in .build/commonmark-spec/spec.json (.ci/run fetches it) or TUTORIAL_COMMONMARK_SPEC"))
    func everySpecExampleRendersAsCmarkDoes() throws {
        let file = try #require(Tools.commonMarkSpec, "the CommonMark spec is missing")
        let examples = try JSONDecoder().decode([Example].self, from: Data(contentsOf: file))
        #expect(examples.count == 652, "the CommonMark 0.30 spec has 652 examples")
        var mismatches: [Int] = []
        for example in examples {
            let expected = CmarkReference.html(example.markdown)
            let parser = MarkdownParser(takesOver: { _ in false })
            let html = parser.parse(example.markdown).pieces.map { piece -> String in
                if case .html(let html) = piece { html } else { "" }
            }.joined()
            if Self.withoutHeadingIDs(html) != expected { mismatches.append(example.example) }
            #expect(HTMLRenderer.html(CmarkConverter.document(example.markdown)) == expected,
                    "example \(example.example): \(example.markdown.debugDescription)")
        }
        #expect(mismatches.isEmpty, "examples rendered unlike cmark through the parser: \(mismatches)")
        print("CommonMark spec: \(examples.count - mismatches.count) of \(examples.count) examples as cmark renders them")
    }

    /// The page's HTML with ` id="…"` taken out of its heading tags, and each heading's link to
    /// itself.
    private static func withoutHeadingIDs(_ html: String) -> String {
        html.replacing(/<(h[1-6]) id="[^"]*">/) { "<\($0.output.1)>" }
            .replacing(/<a class="anchor" href="#[^"]*" aria-label="[^"]*">#<\/a>/, with: "")
    }
}

