import TutorialCheck
import TutorialModel
import TutorialSupport
/// The outcomes of many runs (`runs=N`): a headline, the most frequent output in full with its
/// count, and each other output as a difference from it, collapsed (a `<details>` element: the
/// page stays short and works without a script).
struct DistributionView: OutputView {
    let name = "runs"
    /// How many of the other outputs are shown, each as a difference.
    static let shownOthers = 20

    func html(for block: OutputBlock) -> String? {
        guard let distribution = block.distribution, let common = distribution.outcomes.first else { return nil }
        var html = "<div class=\"runs\">\n<p class=\"runs-headline\">\(HTML.escape(distribution.headline.prefix(1).uppercased() + distribution.headline.dropFirst()))"
        if !distribution.masks.isEmpty {
            let masks = distribution.masks.map { "<code>\(HTML.escape($0))</code>" }.joined(separator: ", ")
            html += " <span class=\"runs-masks\">(text matching \(masks) shown as \(RunDistribution.maskMark) and not compared)</span>"
        }
        html += "</p>\n"
        for ending in distribution.endings { html += "<p class=\"runs-endings\">\(HTML.escape(ending))</p>\n" }
        html += "<p class=\"runs-count\">\(Self.count(common, of: distribution)):</p>\n"
        html += "<pre class=\"output\">\(ANSIHTML.html(common.text))</pre>\n"
        let others = distribution.outcomes.dropFirst()
        guard !others.isEmpty else { return html + "</div>" }
        // Outputs that differ only in numbers: the numbers' spread, not a difference per output.
        if let strips = NumberStrips.html(distribution, checks: Self.heldNumericChecks(block), code: Self.code(block)) {
            return html + strips + "</div>"
        }
        let runs = others.map(\.count).reduce(0, +)
        // One-line outputs: each other output is a line of a list, said once, not as a difference.
        if Self.isOneLine(common.text), others.prefix(Self.shownOthers).allSatisfy({ Self.isOneLine($0.text) }) {
            html += "<details class=\"runs-others\"><summary>\(others.count) other output\(others.count == 1 ? "" : "s") "
            html += "(\(runs) run\(runs == 1 ? "" : "s"))</summary>\n<ul class=\"runs-lines\">\n"
            for other in others.prefix(Self.shownOthers) {
                html += "<li>\(Self.count(other, of: distribution)): <code>\(ANSIHTML.html(String(Self.trimmed(other.text))))</code></li>\n"
            }
            html += "</ul>\n"
            if others.count > Self.shownOthers {
                html += "<p class=\"runs-count\">and \(others.count - Self.shownOthers) more outputs, not shown</p>\n"
            }
            return html + "</details>\n</div>"
        }
        // The other outputs, all in one collapsed block, each collapsed again with its first
        // differing line as its title.
        html += "<details class=\"runs-others\"><summary>\(others.count) other output\(others.count == 1 ? "" : "s") "
        html += "(\(runs) run\(runs == 1 ? "" : "s")), each as a difference from this one</summary>\n"
        for other in others.prefix(Self.shownOthers) {
            html += "<details class=\"runs-other\"><summary>\(Self.count(other, of: distribution)), "
            html += "\(HTML.escape(Self.relation(other.text, to: common.text)))"
            if let line = Self.firstDifference(from: common.text, to: other.text) { html += ": <code>\(HTML.escape(line))</code>" }
            html += "</summary>\n<pre class=\"output runs-diff\">\(Self.diff(from: common.text, to: other.text))</pre></details>\n"
        }
        if others.count > Self.shownOthers {
            html += "<p class=\"runs-count\">and \(others.count - Self.shownOthers) more outputs, not shown</p>\n"
        }
        html += "</details>\n"
        return html + "</div>"
    }

    /// The numeric checks of the block's hidden cells that held (the block's mark lists them).
    static func heldNumericChecks(_ block: OutputBlock) -> [NumericCheck] {
        guard let example = block.example else { return [] }
        return example.numericChecks(cells: block.cellIndices).filter { check in
            block.checks.contains { $0.hasPrefix(check.description) }
        }
    }

    /// The code of the block's cells.
    static func code(_ block: OutputBlock) -> String {
        guard let example = block.example else { return "" }
        return block.cellIndices.filter(example.cells.indices.contains).map { example.cells[$0].code }.joined(separator: "\n")
    }

    static func count(_ outcome: RunDistribution.Outcome, of distribution: RunDistribution) -> String {
        var text = outcome.count == distribution.runs ? "all \(distribution.runs) runs" : "\(outcome.count) of \(distribution.runs) runs"
        if let ending = outcome.ending { text += " (\(ending))" }
        return text
    }

    /// Whether `text` is one line (its last line break aside), or nothing.
    static func isOneLine(_ text: String) -> Bool {
        !trimmed(text).contains("\n")
    }

    /// `text` without the line break that ends it.
    static func trimmed(_ text: String) -> Substring {
        text.hasSuffix("\n") ? text.dropLast() : Substring(text)
    }

    /// The first line of `other` that the most frequent output does not have at that place.
    static func firstDifference(from common: String, to other: String) -> String? {
        let old = common.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let new = other.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let change = UnifiedDiff.operations(old, new).first { $0.kind == .insert }
        guard let change, var line = new.indices.contains(change.new) ? new[change.new] : nil else { return nil }
        if line.count > 60 { line = String(line.prefix(59)) + "…" }
        return line
    }

    /// Whether an output has the same lines as the most frequent one in another order.
    static func relation(_ text: String, to common: String) -> String {
        let lines = text.split(separator: "\n").sorted()
        return lines == common.split(separator: "\n").sorted() ? "the same lines in another order" : "other lines"
    }

    /// The difference from the most frequent output, line by line: `-` its lines that are not
    /// there, `+` lines it does not have, in the order of this output.
    static func diff(from common: String, to other: String) -> String {
        let old = common.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let new = other.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var html = ""
        for operation in UnifiedDiff.operations(old, new) {
            switch operation.kind {
            case .equal: html += "  " + HTML.escape(new[operation.new]) + "\n"
            case .delete: html += "<span class=\"diff-del\">- " + HTML.escape(old[operation.old]) + "\n</span>"
            case .insert: html += "<span class=\"diff-ins\">+ " + HTML.escape(new[operation.new]) + "\n</span>"
            }
        }
        return html
    }
}

/// ThreadSanitizer's verdict (`tsan`): each report as a sentence naming the Markdown lines, the
/// raw report collapsed; or that the check found nothing, or could not run.
struct SanitizerView: OutputView {
    let name = "sanitizer"

    func html(for block: OutputBlock) -> String? {
        if let reason = block.sanitizerNotRun {
            return "<p class=\"tsan tsan-not-run\">The ThreadSanitizer check was not run: \(HTML.escape(reason))</p>"
        }
        guard !block.reports.isEmpty else {
            // A clean run says so once, under the block of the example's last cell.
            guard let example = block.example, example.usesThreadSanitizer, block.status == .ran,
                  let last = example.programCells.last?.index, block.cellIndices.contains(last) else { return nil }
            return "<p class=\"tsan tsan-clean\">ThreadSanitizer: no race</p>"
        }
        var html = "<div class=\"tsan\">\n"
        for report in block.reports {
            html += "<p class=\"tsan-report\">\(HTML.codeSpans(report.summary))</p>\n"
            html += "<details class=\"tsan-raw\"><summary>ThreadSanitizer's full report</summary>\n"
            html += "<pre class=\"tsan-raw-text\">\(HTML.escape(report.raw))</pre></details>\n"
        }
        return html + "</div>"
    }
}
