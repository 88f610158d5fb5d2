import TutorialSupport
import TutorialCheck
import TutorialExecution
/// Draws an output block's timeline at build time, as inline SVG: a time axis, and each line of
/// output placed at the moment it was printed (stderr lines in their own colour). No script is
/// needed to see it; its colours come from the stylesheet, so it follows the light and dark themes.
enum TimelineRenderer {
    /// Runs shorter than this get no timeline: everything would sit at 0.
    static let minimumDuration = 0.2
    /// Lines whose first and last came closer together than this were printed at once.
    static let minimumSpread = 0.05
    /// Above this many lines, lines are drawn as ticks on one strip, without their text.
    static let labelledLines = 40
    static let width = 640.0
    static let margin = 12.0
    static let rowHeight = 16.0

    /// The SVG for `block`, or nil when its run was too short to matter.
    static func svg(_ block: OutputBlock) -> String? {
        guard let duration = block.duration, duration >= minimumDuration,
              let start = block.start, !block.lines.isEmpty else { return nil }
        let times = block.lines.map { min(max($0.time - start, 0), duration) }
        // One line, or output printed all at once (a table at the end), would be drawn as one
        // column of dots, its text cut short: the timeline is for output that comes over time.
        guard block.lines.count > 1, times.max()! - times.min()! >= max(minimumSpread, duration * 0.05) else { return nil }
        let plot = width - 2 * margin
        func x(_ time: Double) -> Double { margin + plot * time / duration }

        var rows = ""
        var height: Double
        if block.lines.count <= labelledLines {
            for (index, line) in block.lines.enumerated() {
                let y = margin + Double(index) * rowHeight + rowHeight / 2
                let position = x(times[index])
                let style = line.stream == .stderr ? "tl-err" : "tl-out"
                // Labels sit right of their dot, or left of it in the last third of the axis.
                let anchor = position > margin + plot * 0.66 ? "end" : "start"
                let labelX = anchor == "end" ? position - 7 : position + 7
                var text = ANSIText.stripped(line.text)
                if text.count > 48 { text = String(text.prefix(47)) + "…" }
                rows += "<circle class=\"\(style)\" cx=\"\(format(position))\" cy=\"\(format(y))\" r=\"4\"/>"
                rows += "<text class=\"tl-label \(style)\" x=\"\(format(labelX))\" y=\"\(format(y + 4))\" text-anchor=\"\(anchor)\">\(HTML.escape(text))</text>\n"
            }
            height = margin + Double(block.lines.count) * rowHeight
        } else {
            let y = margin + rowHeight / 2
            for (index, line) in block.lines.enumerated() {
                let style = line.stream == .stderr ? "tl-err" : "tl-out"
                rows += "<line class=\"\(style)\" x1=\"\(format(x(times[index])))\" y1=\"\(format(y - 6))\" x2=\"\(format(x(times[index])))\" y2=\"\(format(y + 6))\"/>"
            }
            rows += "\n"
            height = margin + rowHeight
        }

        let axisY = height + 6
        var axis = "<line class=\"tl-axis\" x1=\"\(format(margin))\" y1=\"\(format(axisY))\" x2=\"\(format(width - margin))\" y2=\"\(format(axisY))\"/>"
        let step = tickStep(duration)
        var tick = 0.0
        while tick <= duration + step * 0.001 {
            let position = x(tick)
            let anchor = tick == 0 ? "start" : (position > width - margin - 20 ? "end" : "middle")
            axis += "<line class=\"tl-axis\" x1=\"\(format(position))\" y1=\"\(format(axisY))\" x2=\"\(format(position))\" y2=\"\(format(axisY + 4))\"/>"
            axis += "<text class=\"tl-tick\" x=\"\(format(position))\" y=\"\(format(axisY + 16))\" text-anchor=\"\(anchor)\">\(tickLabel(tick, step: step))</text>"
            tick += step
        }
        let total = axisY + 22
        let summary = "Timeline of \(block.lines.count) line\(block.lines.count == 1 ? "" : "s") over \(Seconds.format(duration))"
        // Drawn at its own size in a box that scrolls on a narrow screen: scaled down to a phone's
        // width, its labels would be too small to read.
        return """
            <div class="timeline-scroll" role="group" aria-label="Timeline" tabindex="0">
            <svg class="timeline" viewBox="0 0 \(format(width)) \(format(total))" width="\(format(width))" height="\(format(total))" role="img" aria-label="\(summary)">
            <title>\(summary)</title>
            \(rows)\(axis)
            </svg>
            </div>

            """
    }

    /// A round step giving at most about eight ticks.
    static func tickStep(_ duration: Double) -> Double {
        let steps = [0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300]
        return steps.first { duration / $0 <= 8 } ?? (duration / 8).rounded(.up)
    }

    static func tickLabel(_ value: Double, step: Double) -> String {
        let decimals = step >= 1 ? 0 : (step >= 0.1 ? 1 : 2)
        return "\(format(value, decimals: decimals)) s"
    }

    /// A number with at most `decimals` decimals, without trailing zeros.
    static func format(_ value: Double, decimals: Int = 1) -> String {
        var factor = 1.0
        for _ in 0..<decimals { factor *= 10 }
        let rounded = (value * factor).rounded() / factor
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        var text = String(rounded)
        if let dot = text.firstIndex(of: "."), text.distance(from: dot, to: text.endIndex) - 1 > decimals {
            text = String(text[...text.index(dot, offsetBy: decimals)])
        }
        return text
    }
}
