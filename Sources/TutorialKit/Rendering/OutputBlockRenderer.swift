/// Renders an ``OutputBlock`` as HTML: a `<pre class="output">` whose text is exactly what the
/// program printed, stderr lines marked by a class, and a caption with the time and the status.
public enum OutputBlockRenderer {
    public static func html(_ block: OutputBlock, differs: Bool = false) -> String {
        switch block.status {
        case .compileErrorAsExpected(let text):
            return """
                <figure class="output-block expected-failure">
                <pre class="output compiler-output">\(HTML.escape(text))</pre>
                <figcaption>did not compile, as expected</figcaption>
                </figure>

                """
        case .compileError(let text):
            return """
                <figure class="output-block compile-error">
                <pre class="compiler-output">\(HTML.escape(text))</pre>
                <figcaption>did not compile</figcaption>
                </figure>

                """
        case .onlyCompiled:
            return "<p class=\"output-block not-run\">compiled, not run (no_run)</p>\n"
        case .notRun(let reason):
            return "<p class=\"output-block not-run\">\(HTML.escape(reason))</p>\n"
        case .ran, .failed, .failedAsExpected:
            var classes = ["output"]
            if block.lines.isEmpty { classes.append("empty") }
            var figure = ["output-block"]
            if case .failed = block.status { figure.append("failed") }
            if case .failedAsExpected = block.status { figure.append("expected-failure") }
            if differs { figure.append("differs") }
            var caption = caption(block)
            if differs { caption = "<span class=\"status\">differs from the expected output</span> · " + caption }
            return """
                <figure class="\(figure.joined(separator: " "))">
                <pre class="\(classes.joined(separator: " "))">\(preformatted(block))</pre>
                \(TimelineRenderer.svg(block) ?? "")<figcaption>\(caption)</figcaption>
                </figure>

                """
        }
    }

    /// The lines, escaped; stderr lines wrapped in `<span class="stderr">`.
    static func preformatted(_ block: OutputBlock) -> String {
        var html = ""
        var omissions = block.omitted.makeIterator()
        var nextOmission = omissions.next()
        for (index, line) in block.lines.enumerated() {
            while let omission = nextOmission, omission.index == index {
                html += "<span class=\"omitted\">... \(omission.count) lines omitted ...\n</span>"
                nextOmission = omissions.next()
            }
            let text = HTML.escape(line.text) + (line.terminated ? "\n" : "")
            html += line.stream == .stderr ? "<span class=\"stderr\">\(text)</span>" : text
        }
        return html
    }

    static func caption(_ block: OutputBlock) -> String {
        var parts: [String] = []
        if case .failed(let termination) = block.status {
            parts.append("<span class=\"status\">\(HTML.escape(termination.summary))</span>")
        }
        if case .failedAsExpected(let termination) = block.status {
            parts.append("<span class=\"status\">\(HTML.escape(termination.summary))</span>, as expected")
        }
        if let duration = block.duration {
            parts.append("ran in \(Seconds.format(duration))")
        }
        if block.lines.isEmpty { parts.append("no output") }
        if let note = block.note { parts.append("<span class=\"status\">\(HTML.escape(note))</span>") }
        return parts.joined(separator: " · ")
    }
}
