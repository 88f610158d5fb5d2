import TutorialCheck
import TutorialModel

/// The lanes of a block one of whose cells says `lanes` (``LanesRenderer``): of the lines it printed,
/// or, for many runs (`runs=N`), of the first run that gave the most frequent output.
struct LanesView: OutputView {
    let name = "lanes"

    func html(for block: OutputBlock) -> String? {
        guard let example = block.example, let grouping = LanesWord.grouping(in: example, cells: block.cellIndices) else { return nil }
        if let distribution = block.distribution {
            guard let common = distribution.outcomes.first, let lines = common.lines else { return nil }
            return LanesRenderer.html(lines: lines, start: common.start ?? 0, duration: nil, grouping: grouping)
        }
        switch block.status {
        case .ran, .failed, .failedAsExpected:
            return LanesRenderer.html(lines: block.lines, start: block.start ?? 0, duration: block.duration, grouping: grouping)
        default:
            return nil
        }
    }
}
