import TutorialSupport
import TutorialExecution
import TutorialModel

/// Draws an output block's lanes (`lanes`) at build time: one lane per thread, task or actor, each
/// line of output a mark in its lane at the moment it was printed, on the time axis of the
/// timeline. Each lane is a row of its own (its name, then an SVG strip), so on a narrow screen
/// the stylesheet stacks the name above the strip; colours come from the stylesheet, for both
/// themes. Every mark has `data-line` (its index in the block's lines) and `data-lane`.
enum LanesRenderer {
    /// At most this many lines get a row and a label; more are drawn as ticks, a strip per lane.
    static let labelledLines = 40
    /// At most this many marks are drawn in all; the rest are counted below the lanes.
    static let maximumMarks = 2000
    static let width = TimelineRenderer.width
    static let margin = TimelineRenderer.margin
    static let rowHeight = TimelineRenderer.rowHeight
    /// The longest label drawn, in characters.
    static let labelLength = 48

    /// The lanes of `lines` (times in seconds since the run's start; the block's cells started at
    /// `start` and ran `duration` seconds), grouped as `grouping` says; nil for no lines.
    static func html(lines: [OutputLine], start: Double, duration: Double?, grouping: LanesWord.LaneGrouping) -> String? {
        guard !lines.isEmpty else { return nil }
        let drawn = Array(lines.prefix(maximumMarks))
        let last = drawn.map { $0.time - start }.max() ?? 0
        let span = max(duration ?? 0, last, 0.001)
        let layout = LaneLayout(lines: drawn, grouping: grouping)
        let labelled = drawn.count <= labelledLines
        let plot = width - 2 * margin
        func x(_ time: Double) -> Double { margin + plot * min(max(time - start, 0), span) / span }

        let laneCount = layout.lanes.count
        let summary = "Lanes by \(grouping.rawValue): \(lines.count) line\(lines.count == 1 ? "" : "s") in \(laneCount) lane\(laneCount == 1 ? "" : "s") over \(Seconds.format(span))"
        var html = "<div class=\"lanes\" data-grouping=\"\(grouping.rawValue)\" role=\"group\" aria-label=\"\(HTML.escape(summary))\">\n"
        for lane in layout.lanes {
            let name = HTML.escape(lane.name)
            let rows = labelled ? lane.lines.count : 1
            let height = Double(rows) * rowHeight + 4
            html += "<div class=\"lane\" data-lane=\"\(name)\"><span class=\"lane-name\">\(name)</span>"
            html += "<svg class=\"lane-track\" viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"\(f(width))\" height=\"\(f(height))\" role=\"img\" "
            html += "aria-label=\"\(name): \(lane.lines.count) line\(lane.lines.count == 1 ? "" : "s")\">"
            for (row, index) in lane.lines.enumerated() {
                let line = drawn[index]
                let style = line.stream == .stderr ? "ln-err" : "ln-out"
                let position = x(line.time)
                html += "<g class=\"ln-mark \(style)\" data-line=\"\(index)\" data-lane=\"\(name)\">"
                if labelled {
                    let y = 2 + Double(row) * rowHeight + rowHeight / 2
                    let anchor = position > margin + plot * 0.66 ? "end" : "start"
                    var text = ANSIText.stripped(line.text)
                    if text.count > labelLength { text = String(text.prefix(labelLength - 1)) + "…" }
                    html += "<circle cx=\"\(f(position))\" cy=\"\(f(y))\" r=\"4\"/>"
                    html += "<text x=\"\(f(anchor == "end" ? position - 7 : position + 7))\" y=\"\(f(y + 4))\" text-anchor=\"\(anchor)\">\(HTML.escape(text))</text>"
                } else {
                    html += "<line x1=\"\(f(position))\" y1=\"4\" x2=\"\(f(position))\" y2=\"\(f(rowHeight))\"/>"
                }
                html += "</g>"
            }
            html += "</svg></div>\n"
        }
        html += "<div class=\"lane lane-axis\"><span class=\"lane-name\"></span>\(axis(span))</div>\n"
        if lines.count > drawn.count {
            let more = lines.count - drawn.count
            html += "<p class=\"lanes-more\">\(more) more line\(more == 1 ? "" : "s") not drawn</p>\n"
        }
        return html + "</div>"
    }

    /// The time axis, as the timeline draws it.
    static func axis(_ span: Double) -> String {
        let plot = width - 2 * margin
        var svg = "<svg class=\"lane-track\" viewBox=\"0 0 \(f(width)) 26\" width=\"\(f(width))\" height=\"26\" aria-hidden=\"true\">"
        svg += "<line class=\"ln-axis\" x1=\"\(f(margin))\" y1=\"4\" x2=\"\(f(width - margin))\" y2=\"4\"/>"
        let step = TimelineRenderer.tickStep(span)
        var tick = 0.0
        while tick <= span + step * 0.001 {
            let position = margin + plot * tick / span
            let anchor = tick == 0 ? "start" : (position > width - margin - 20 ? "end" : "middle")
            svg += "<line class=\"ln-axis\" x1=\"\(f(position))\" y1=\"4\" x2=\"\(f(position))\" y2=\"8\"/>"
            svg += "<text class=\"ln-tick\" x=\"\(f(position))\" y=\"20\" text-anchor=\"\(anchor)\">\(TimelineRenderer.tickLabel(tick, step: step))</text>"
            tick += step
        }
        return svg + "</svg>"
    }

    private static func f(_ value: Double) -> String { TimelineRenderer.format(value) }
}
