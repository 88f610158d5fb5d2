import Foundation
import TutorialCheck

/// Many runs whose outputs differ only in numbers (lost updates: 50 totals in 50 runs): a strip
/// per number that varies, each run's value a bar on it, with its minimum, median and maximum,
/// in place of a difference per output. Outputs that hold the same numbers in another order keep
/// their differences.
enum NumberStrips {
    static let width = 480.0
    static let height = 64.0
    static let margin = 16.0

    /// The strips, or nil when the outputs differ in more than numbers (or end differently).
    static func html(_ distribution: RunDistribution) -> String? {
        guard distribution.outcomes.count > 1, distribution.outcomes.allSatisfy({ $0.ending == nil }) else { return nil }
        let shapes = distribution.outcomes.map { shape(of: $0.text) }
        guard let first = shapes.first, shapes.allSatisfy({ $0.skeleton == first.skeleton }) else { return nil }
        // The same numbers in another order (threads finishing 3 1 4 2, then 1 3 2 4) are an
        // order, which the differences show better.
        if shapes.allSatisfy({ $0.numbers.sorted() == first.numbers.sorted() }) { return nil }
        var html = ""
        for position in first.numbers.indices {
            // Each run's value: an outcome's value once per run that gave it.
            var values: [Double] = []
            for (outcome, shape) in zip(distribution.outcomes, shapes) {
                values += Array(repeating: shape.numbers[position], count: outcome.count)
            }
            guard Set(values).count > 1 else { continue }
            html += strip(values.sorted(), context: context(first, position), runs: distribution.runs)
        }
        return html.isEmpty ? nil : html
    }

    /// An output's text with its numbers taken out, and the numbers.
    struct Shape {
        var skeleton: [String]
        var numbers: [Double]
        var texts: [String]
    }

    static func shape(of text: String) -> Shape {
        let pattern = /-?[0-9]+(?:\.[0-9]+)?/
        var skeleton: [String] = []
        var numbers: [Double] = []
        var texts: [String] = []
        var rest = text[...]
        while let match = rest.firstMatch(of: pattern), let value = Double(match.output) {
            skeleton.append(String(rest[..<match.range.lowerBound]))
            numbers.append(value)
            texts.append(String(match.output))
            rest = rest[match.range.upperBound...]
        }
        skeleton.append(String(rest))
        return Shape(skeleton: skeleton, numbers: numbers, texts: texts)
    }

    /// The line the number is on, with the number shown as `N`.
    static func context(_ shape: Shape, _ position: Int) -> String {
        let before = shape.skeleton[..<(position + 1)].enumerated().map { index, piece in
            index < position ? piece + shape.texts[index] : piece
        }.joined()
        let after = shape.skeleton[position + 1] + (position + 1 < shape.texts.count ? shape.texts[position + 1] : "")
        let start = before.split(separator: "\n", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        let end = after.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        return (start + "N" + end).trimmingCharacters(in: .whitespaces)
    }

    static func strip(_ sorted: [Double], context: String, runs: Int) -> String {
        let low = sorted[0], high = sorted[sorted.count - 1]
        let median = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        func x(_ value: Double) -> Double { margin + (width - 2 * margin) * (value - low) / (high - low) }
        var counts: [Double: Int] = [:]
        for value in sorted { counts[value, default: 0] += 1 }
        let tallest = Double(counts.values.max() ?? 1)
        let baseline = 30.0
        var bars = ""
        for (value, count) in counts.sorted(by: { $0.key < $1.key }) {
            let top = baseline - 24 * Double(count) / tallest
            bars += "<line class=\"strip-bar\" x1=\"\(f(x(value)))\" y1=\"\(f(baseline))\" x2=\"\(f(x(value)))\" y2=\"\(f(top))\"/>"
        }
        let labels = [(low, "start", "min"), (median, "middle", "median"), (high, "end", "max")].map { value, anchor, name in
            "<line class=\"strip-mark\" x1=\"\(f(x(value)))\" y1=\"\(f(baseline))\" x2=\"\(f(x(value)))\" y2=\"\(f(baseline + 6))\"/>"
                + "<text class=\"strip-label\" x=\"\(f(x(value)))\" y=\"\(f(baseline + 20))\" text-anchor=\"\(anchor)\">\(name) \(number(value))</text>"
        }.joined()
        let summary = "\(context): min \(number(low)), median \(number(median)), max \(number(high)) over \(runs) runs"
        return """
            <div class="runs-numbers">
            <p class="runs-number">The number in <code>\(HTML.escape(context))</code> over \(runs) runs: min \(number(low)), median \(number(median)), max \(number(high)), \(counts.count) different values.</p>
            <div class="timeline-scroll" role="group" aria-label="Values" tabindex="0">
            <svg class="number-strip" viewBox="0 0 \(f(width)) \(f(height))" width="\(f(width))" height="\(f(height))" role="img" aria-label="\(HTML.escape(summary))">
            <line class="strip-axis" x1="\(f(margin))" y1="\(f(baseline))" x2="\(f(width - margin))" y2="\(f(baseline))"/>\(bars)\(labels)
            </svg>
            </div>
            </div>

            """
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    static func f(_ value: Double) -> String {
        TimelineRenderer.format(value)
    }
}
