import TutorialSupport
import TutorialCheck
import TutorialExecution
import TutorialModel
/// One view of an output block: a part of the figure the block is rendered to. The theme's
/// `output.mustache` template places all of them in order (`{{#views}}{{{html}}}{{/views}}`,
/// each as its ``placement`` says), so a new view shows without a change to it; a theme may
/// still place a view by its name (`{{{text}}}`, `{{{timeline}}}`, `{{{caption}}}`).
/// A new way of showing output is one new type, listed in ``OutputViews/standard`` or given by a
/// cell word (``CellWordPanelView``).
package protocol OutputView: Sendable {
    /// The name the template knows the view by.
    var name: String { get }
    /// Where the view's HTML goes in the figure.
    var placement: OutputViewPlacement { get }
    /// The view's HTML for `block`, or nil when it has nothing to show for it.
    func html(for block: OutputBlock) -> String?
}

/// How a view's HTML is framed among the others in the figure.
package enum OutputViewPlacement: Sendable {
    /// On lines of its own.
    case lines
    /// The figure's first line, left empty when the view shows nothing.
    case firstLine
    /// As it is, with whatever line ends it carries.
    case inline
    /// In the figure's `<figcaption>`, on a line of its own.
    case caption

    /// `html` framed so, or what stands for nothing (nil when nothing does).
    package func frame(_ html: String?) -> String? {
        switch (self, html) {
        case (.firstLine, nil): "\n"
        case (_, nil): nil
        case (.lines, let html?), (.firstLine, let html?): html + "\n"
        case (.inline, let html?): html
        case (.caption, let html?): "<figcaption>\(html)</figcaption>\n"
        }
    }
}

extension OutputView {
    package var placement: OutputViewPlacement { .lines }
}

/// The views every output block gets, in order: the printed text, the many runs (`runs=N`),
/// ThreadSanitizer's verdict (`tsan`), the panel of each word that shows one (in the registry's
/// order), the timeline or the lanes (`lanes`), the mark of what was checked and the caption. A view reads what it needs from the block: its lines and
/// status, its many runs and sanitizer reports, and its example's cells and words.
enum OutputViews {
    static let standard: [any OutputView] = [PrintedTextView(), DistributionView(), SanitizerView()]
        + CellWordRegistry.all.filter { $0.showsPanel }.map(CellWordPanelView.init) + [TimelineView(), LanesView(), CheckMarkView(), CaptionView()]
}

/// What a cell word shows in the output blocks of its cells (``CellWord/panel(_:)``): a label and
/// a text, escaped, in a view named after the word, whose classes (`stdin`, `stdin-label`,
/// `stdin-text`) the stylesheet may style.
struct CellWordPanelView: OutputView {
    let word: any CellWord.Type

    var name: String { word.name }

    func html(for block: OutputBlock) -> String? {
        guard let example = block.example, let panel = word.panel(in: example, cells: block.cellIndices) else { return nil }
        return "<div class=\"\(name)\"><span class=\"\(name)-label\">\(HTML.escape(panel.label))</span>"
            + "<pre class=\"\(name)-text\">\(HTML.escape(panel.text))</pre></div>"
    }
}

/// The text of the block: what the program printed, escaped, stderr lines marked, omissions
/// shown; or the compiler's messages.
struct PrintedTextView: OutputView {
    let name = "text"
    let placement = OutputViewPlacement.firstLine

    func html(for block: OutputBlock) -> String? {
        switch block.status {
        case .compileErrorAsExpected(let text): "<pre class=\"output compiler-output\">\(HTML.escape(text))</pre>"
        case .compileError(let text): "<pre class=\"compiler-output\">\(HTML.escape(text))</pre>"
        case .onlyCompiled, .notRun: nil
        case .ran, .failed, .failedAsExpected:
            // Many runs: the distribution view shows them instead.
            block.distribution != nil ? nil : "<pre class=\"output\(block.lines.isEmpty ? " empty" : "")\">\(Self.preformatted(block))</pre>"
        }
    }

    /// The lines, escaped, their terminal colours shown (``ANSIHTML``); stderr lines wrapped in
    /// `<span class="stderr">`.
    static func preformatted(_ block: OutputBlock) -> String {
        var html = ""
        var omissions = block.omitted.makeIterator()
        var nextOmission = omissions.next()
        // Terminal colours carry from line to line, per stream, as in a terminal.
        var styles = (stdout: ANSIStyle(), stderr: ANSIStyle())
        for (index, line) in block.lines.enumerated() {
            while let omission = nextOmission, omission.index == index {
                html += "<span class=\"omitted\">... \(omission.count) lines omitted ...\n</span>"
                nextOmission = omissions.next()
            }
            let escaped = line.stream == .stderr ? ANSIHTML.html(line.text, style: &styles.stderr) : ANSIHTML.html(line.text, style: &styles.stdout)
            let text = escaped + (line.terminated ? "\n" : "")
            html += line.stream == .stderr ? "<span class=\"stderr\">\(text)</span>" : text
        }
        return html
    }
}

/// The timeline of a block whose cells ran long enough to matter, as inline SVG.
struct TimelineView: OutputView {
    let name = "timeline"
    let placement = OutputViewPlacement.inline

    func html(for block: OutputBlock) -> String? {
        // The lanes (`lanes`) have the timeline's axis: the block shows them instead.
        guard block.distribution == nil, block.example.flatMap({ LanesWord.grouping(in: $0, cells: block.cellIndices) }) == nil else { return nil }
        // None under a test runner's report, which times each test itself, nor where the author
        // said the moments tell nothing (`no_timeline`).
        if let example = block.example, block.cellIndices.contains(where: { index in
            example.cells.indices.contains(index)
                && (example.cells[index].attributes.noTimeline || TestWord.uses(in: example).contains { $0.cell == index })
        }) { return nil }
        return TimelineRenderer.svg(block)
    }
}

/// The caption: how the cells ended, how long they took, whether the output differs from the
/// expected one.
struct CaptionView: OutputView {
    let name = "caption"
    let placement = OutputViewPlacement.caption

    func html(for block: OutputBlock) -> String? {
        var parts: [String] = []
        let compiledAs = block.compiledAs.isEmpty ? nil
            : "<span class=\"compiled-as\">\(block.compiledAs.map(HTML.escape).joined(separator: ", "))</span>"
        switch block.status {
        case .compileErrorAsExpected: return (["did not compile, as expected"] + [compiledAs].compactMap { $0 }).joined(separator: " · ")
        case .compileError: return (["did not compile"] + [compiledAs].compactMap { $0 }).joined(separator: " · ")
        case .onlyCompiled, .notRun: return nil
        case .failed(let termination):
            parts.append("<span class=\"status\">\(HTML.escape(termination.summary))</span>")
            // Which way the memory or disk limit was held.
            if let note = termination.enforcementNote { parts.append("<span class=\"limit\">\(HTML.escape(note))</span>") }
        case .failedAsExpected(.exited(ThreadSanitizerReport.exitStatus)) where !block.reports.isEmpty:
            parts.append("<span class=\"status\">ThreadSanitizer reported a race</span>, as expected")
        case .failedAsExpected(let termination) where block.example?.isExercise == true:
            let how = if case .timedOut = termination { "the starter code does not pass: it \(termination.summary)" } else { "the starter code fails a check" }
            parts.append("<span class=\"status\">\(HTML.escape(how))</span>, until you complete it")
        case .failedAsExpected(let termination):
            parts.append("<span class=\"status\">\(HTML.escape(termination.summary))</span>, as expected")
        case .ran where block.example?.solvedExercise != nil:
            parts.append("<span class=\"status\">passes every check</span>")
        case .ran: break
        }
        if let distribution = block.distribution {
            parts.append("\(distribution.runs) runs; the first ran in \(Seconds.format(block.duration ?? 0))")
        } else if let duration = block.duration {
            // The time of these cells alone: work done in earlier cells is not in it.
            let shown = block.cellIndices.filter { index in
                block.example.map { $0.cells.indices.contains(index) && !$0.cells[index].attributes.hidden } ?? true
            }
            // Said of the code, not of the notebook's cells: the page's reader sees code.
            let cells = shown.count > 1 ? "the code above" : "this code"
            parts.append("\(cells) ran in \(Seconds.format(duration))")
        }
        if block.lines.isEmpty { parts.append("no output") }
        if let compiledAs { parts.append(compiledAs) }
        if let note = block.note { parts.append("<span class=\"status\">\(HTML.escape(note))</span>") }
        if block.differs { parts.insert("<span class=\"status\">differs from the expected output</span>", at: 0) }
        return parts.joined(separator: " · ")
    }
}
