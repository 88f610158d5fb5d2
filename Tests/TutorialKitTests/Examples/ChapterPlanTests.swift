import TestSupport
import Testing
@testable import TutorialModel

/// Which cells feed which output place, decided before anything runs.
@Suite struct ChapterPlanTests {
    static func plan(_ source: String) -> ChapterPlan {
        let document = BookLoader(chaptersDirectory: "unused").parser.parse(source)
        let chapter = Chapter(path: "chapters/01-demo.md", number: 1, slug: "demo", title: "Demo", document: document)
        let book = Book(title: "T", introduction: nil, chapters: [chapter], chaptersDirectory: "chapters")
        return ChapterPlan(chapter: chapter, catalog: ExampleCatalog(book: book))
    }

    @Test func aHiddenCheckBetweenACellAndItsSlotFeedsTheSameSlot() {
        let plan = Self.plan("```swift\nlet x = 1\nprint(x)\n```\n\n```swift hidden\nprecondition(x == 1)\n```\n\n```\n```\n")
        #expect(plan.placements.count == 1)
        #expect(plan.placements.first?.cells.map(\.index) == [0, 1])
        #expect(plan.placements.first?.slot != nil)
    }

    @Test func aShownCellBeforeTheNextShownCellStillGetsItsOutputRightAfterIt() {
        let plan = Self.plan("```swift\nprint(1)\n```\n\n```swift\nprint(2)\n```\n\n```\n```\n")
        #expect(plan.placements.map { $0.cells.map(\.index) } == [[0], [1]])
        #expect(plan.placements.map { $0.slot != nil } == [false, true])
    }
}
