import TestSupport
import Testing
@testable import TutorialModel

/// The word `lanes`: how it is written, and the tagging `print` only its examples' programs get.
@Suite struct LanesWordTests {
    func example(_ info: String) -> Example {
        TestSupport.example("# Demo\n\n```swift \(info)\nprint(1)\n```\n\n```swift\nprint(2)\n```\n", file: "chapters/01-demo.md")
    }

    @Test func lanesAloneGroupsByThreadAndTakesThreadTaskOrActor() throws {
        #expect(try CellAttributes(words: ["lanes"]).words.last(LanesWord.self)?.grouping == .thread)
        for grouping in LanesWord.LaneGrouping.allCases {
            #expect(try CellAttributes(words: ["lanes=\(grouping.rawValue)"]).words.last(LanesWord.self)?.grouping == grouping)
        }
        #expect(LanesWord.grouping(in: example("lanes=actor")) == .actor)
        #expect(LanesWord.grouping(in: example("")) == nil)
    }

    @Test func anUnknownGroupingIsRefusedWithTheChoices() {
        let error = #expect(throws: AttributeError.self) { try CellAttributes(words: ["lanes=queue"]) }
        #expect(error?.message == "'lanes=queue': lanes takes thread, task or actor, like lanes=actor (or lanes alone, for threads)")
        #expect(throws: AttributeError.self) { try CellAttributes(words: ["compile_fail", "lanes"]) }
    }

    /// Only an example that says `lanes` gets the overloads: every other program is what it was.
    @Test func onlyALanesExampleGetsTheTaggingPrint() {
        let plain = ProgramGenerator().generate(example(""))
        #expect(plain.support == ProgramGenerator.support)
        let lanes = ProgramGenerator().generate(example("lanes"))
        // Its main file differs only by the call that notes the top-level code's task.
        #expect(lanes.main.replacingOccurrences(of: "_tutorialNoteTopLevelTask()\n", with: "") == plain.main)
        #expect(!plain.main.contains("_tutorialNoteTopLevelTask"))
        #expect(lanes.support == ProgramGenerator.support + LanesSupport.source)
        #expect(lanes.support.contains("isolation: isolated (any Actor)? = #isolation"))
        #expect(lanes.support.contains("@_disfavoredOverload"))
    }
}
