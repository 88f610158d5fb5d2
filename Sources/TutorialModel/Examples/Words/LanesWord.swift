/// `lanes` or `lanes=thread|task|actor`: the example's `print` calls say who printed each line
/// (the thread, the task, the actor), and its output blocks show a lane per thread (the default),
/// per task or per actor, each line in its lane at the moment it was printed. The program gets the
/// tagging `print` of ``LanesSupport``; the text it prints is unchanged. The grouping is the first
/// cell's that says one (its last, if it says two).
package struct LanesWord: CellWord {
    package static let name = "lanes"
    package static let syntax = "lanes[=thread|task|actor]"
    package static let needsRun = true
    package var grouping: LaneGrouping

    /// What a lane stands for.
    package enum LaneGrouping: String, CaseIterable, Hashable, Sendable {
        case thread, task, actor
    }

    package init(grouping: LaneGrouping) {
        self.grouping = grouping
    }

    package static func parse(_ value: String?, word: String) throws(AttributeError) -> LanesWord {
        guard let value else { return LanesWord(grouping: .thread) }
        guard let grouping = LaneGrouping(rawValue: value) else {
            throw AttributeError("'\(word)': lanes takes thread, task or actor, like lanes=actor (or lanes alone, for threads)")
        }
        return LanesWord(grouping: grouping)
    }

    /// The grouping the cells at `indices` of `example` ask for (all its cells when nil); nil
    /// when none says `lanes`. The whole program tags its lines, but only the output blocks of
    /// cells that say the word show lanes.
    package static func grouping(in example: Example, cells indices: [Int]? = nil) -> LaneGrouping? {
        let found = indices.map { Self.uses(in: example, cells: $0) } ?? Self.uses(in: example)
        guard let cell = found.first?.cell else { return nil }
        return found.last { $0.cell == cell }?.word.grouping
    }
}
