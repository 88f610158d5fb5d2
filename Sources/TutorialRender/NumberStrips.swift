import Foundation
import TutorialCheck
import TutorialModel

/// Many runs whose outputs differ only in numbers (lost updates: 50 totals in 50 runs): a strip
/// per number that varies, each run's value a bar on it, with its minimum, median and maximum,
/// in place of a difference per output. Outputs that hold the same numbers in another order keep
/// their differences. A strip also marks the value a hidden check names for its number
/// (``NumericCheck``, matched by ``NumberStrips/targets(_:contexts:code:)``).
enum NumberStrips {
    static let width = 480.0
    static let height = 64.0
    static let margin = 16.0

    /// The strips, or nil when the outputs differ in more than numbers (or end differently).
    /// `checks`: the numeric checks that held in these cells; `code`: the cells' code, whose
    /// interpolations tie a check's name to a number of the output.
    static func html(_ distribution: RunDistribution, checks: [NumericCheck] = [], code: String = "") -> String? {
        guard distribution.outcomes.count > 1, distribution.outcomes.allSatisfy({ $0.ending == nil }) else { return nil }
        let shapes = distribution.outcomes.map { shape(of: $0.text) }
        guard let first = shapes.first, shapes.allSatisfy({ $0.skeleton == first.skeleton }) else { return nil }
        // The same numbers in another order (threads finishing 3 1 4 2, then 1 3 2 4) are an
        // order, which the differences show better.
        if shapes.allSatisfy({ $0.numbers.sorted() == first.numbers.sorted() }) { return nil }
        var strips: [(values: [Double], context: String)] = []
        for position in first.numbers.indices {
            // Each run's value: an outcome's value once per run that gave it.
            var values: [Double] = []
            for (outcome, shape) in zip(distribution.outcomes, shapes) {
                values += Array(repeating: shape.numbers[position], count: outcome.count)
            }
            guard Set(values).count > 1 else { continue }
            strips.append((values.sorted(), context(first, position)))
        }
        let targets = targets(checks, contexts: strips.map(\.context), code: code)
        let html = strips.enumerated().map { index, strip in
            self.strip(strip.values, context: strip.context, runs: distribution.runs, expected: targets[index])
        }.joined()
        return html.isEmpty ? nil : html
    }

    /// Which strip (by its place among `contexts`) each check names the value of: the strip whose
    /// line reads like the text before `\(NAME)` in the code (`"total \(total) of…"` and the
    /// line `total N of 4000000`), or, with one strip and one check, that one.
    static func targets(_ checks: [NumericCheck], contexts: [String], code: String) -> [Int: NumericCheck] {
        var targets: [Int: NumericCheck] = [:]
        if contexts.count == 1, checks.count == 1 { return [0: checks[0]] }
        for check in checks {
            for prefix in interpolationPrefixes(of: check.subject, in: code) {
                let line = prefix + "N"
                if let index = contexts.firstIndex(where: { prefix.isEmpty ? $0.hasPrefix(line) : $0.contains(line) }), targets[index] == nil {
                    targets[index] = check
                    break
                }
            }
        }
        return targets
    }

    /// The literal text before each `\(name)` in `code`, back to the string's start or the
    /// interpolation before it.
    static func interpolationPrefixes(of name: String, in code: String) -> [String] {
        let marker = "\\(" + name + ")"
        var prefixes: [String] = []
        var rest = code[...]
        while let found = rest.range(of: marker) {
            let before = rest[..<found.lowerBound]
            let start = before.lastIndex { $0 == "\"" || $0 == ")" }.map(before.index(after:)) ?? before.startIndex
            prefixes.append(String(before[start...].drop { $0 == " " || $0 == "\t" }))
            rest = rest[found.upperBound...]
        }
        return prefixes
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

    static func strip(_ sorted: [Double], context: String, runs: Int, expected: NumericCheck? = nil) -> String {
        let low = sorted[0], high = sorted[sorted.count - 1]
        let median = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        // The scale reaches the expected value; its label takes a row above the bars.
        let (start, end) = (min(low, expected?.value ?? low), max(high, expected?.value ?? high))
        let top = expected == nil ? 0.0 : 16.0
        func x(_ value: Double) -> Double { margin + (width - 2 * margin) * (value - start) / (end - start) }
        var counts: [Double: Int] = [:]
        for value in sorted { counts[value, default: 0] += 1 }
        let tallest = Double(counts.values.max() ?? 1)
        let baseline = 30.0 + top
        var bars = ""
        for (value, count) in counts.sorted(by: { $0.key < $1.key }) {
            let top = baseline - 24 * Double(count) / tallest
            bars += "<line class=\"strip-bar\" x1=\"\(f(x(value)))\" y1=\"\(f(baseline))\" x2=\"\(f(x(value)))\" y2=\"\(f(top))\"/>"
        }
        let labels = [(low, "start", "min"), (median, "middle", "median"), (high, "end", "max")].map { value, anchor, name in
            "<line class=\"strip-mark\" x1=\"\(f(x(value)))\" y1=\"\(f(baseline))\" x2=\"\(f(x(value)))\" y2=\"\(f(baseline + 6))\"/>"
                + "<text class=\"strip-label\" x=\"\(f(x(value)))\" y=\"\(f(baseline + 20))\" text-anchor=\"\(anchor)\">\(name) \(number(value))</text>"
        }.joined()
        var summary = "\(context): min \(number(low)), median \(number(median)), max \(number(high)) over \(runs) runs"
        var sentence = "min \(number(low)), median \(number(median)), max \(number(high)), \(counts.count) different values"
        var mark = ""
        if let expected {
            let said = "\(expected.relation.words) \(number(expected.value))"
            summary += "; \(said)"
            sentence += "; \(HTML.escape(said)) (a check: \(HTML.codeSpans(expected.description)))"
            let position = x(expected.value)
            let anchor = position > width * 0.66 ? "end" : position < width * 0.33 ? "start" : "middle"
            mark = "<line class=\"strip-expected\" x1=\"\(f(position))\" y1=\"\(f(top - 2))\" x2=\"\(f(position))\" y2=\"\(f(baseline + 6))\"/>"
                + "<text class=\"strip-label strip-expected-label\" x=\"\(f(position))\" y=\"\(f(top - 4))\" text-anchor=\"\(anchor)\">\(HTML.escape(said))</text>"
        }
        let height = Self.height + top
        return """
            <div class="runs-numbers">
            <p class="runs-number">The number in <code>\(HTML.escape(context))</code> over \(runs) runs: \(sentence).</p>
            <div class="timeline-scroll" role="group" aria-label="Values" tabindex="0">
            <svg class="number-strip" viewBox="0 0 \(f(width)) \(f(height))" width="\(f(width))" height="\(f(height))" role="img" aria-label="\(HTML.escape(summary))">
            <line class="strip-axis" x1="\(f(margin))" y1="\(f(baseline))" x2="\(f(width - margin))" y2="\(f(baseline))"/>\(bars)\(labels)\(mark)
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
