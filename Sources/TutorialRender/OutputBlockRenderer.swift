import Mustache
import TutorialCheck
import TutorialModel

/// Renders an ``OutputBlock`` with the theme's `output.mustache` template: a figure holding the
/// HTML of each ``OutputView``, or a short notice for cells that did not run.
package struct OutputBlockRenderer: Sendable {

    private let template: MustacheTemplate
    /// The theme's templates, for the partials `template` names.
    private let library: MustacheLibrary
    var views: [any OutputView]

    /// A renderer using `template`, the theme's `output.mustache`, with the theme's `library`.
    package init(template: MustacheTemplate, library: MustacheLibrary, views: [any OutputView] = OutputViews.standard) {
        self.template = template
        self.library = library
        self.views = views
    }

    package func html(_ block: OutputBlock) -> String {
        template.render(Self.context(block, views: views), library: library)
    }

    /// What the template receives: `notice` for a block with nothing but a word to show; else
    /// `figure`, the figure's `classes`, each view's HTML by its name, and `views`: in order, each
    /// view's `name`, its `html` framed as its placement says, and its unframed `content`.
    static func context(_ block: OutputBlock, views: [any OutputView]) -> [String: Any] {
        switch block.status {
        case .onlyCompiled: return ["notice": "compiled, not run (no_run)"]
        case .notRun(let reason):
            return ["notice": reason + (block.sanitizerNotRun.map { "; the ThreadSanitizer check was not run: \($0)" } ?? "")]
        default: break
        }
        var classes = ["output-block"]
        switch block.status {
        case .compileErrorAsExpected, .failedAsExpected: classes.append("expected-failure")
        case .compileError: classes.append("compile-error")
        case .failed: classes.append("failed")
        default: break
        }
        if block.differs { classes.append("differs") }
        var context: [String: Any] = ["figure": true, "classes": classes.joined(separator: " ")]
        var shown: [[String: Any]] = []
        for view in views {
            let html = view.html(for: block)
            if let html { context[view.name] = html }
            // `html` as the figure places it; `content` as the view made it.
            guard let placed = view.placement.frame(html) else { continue }
            shown.append(["name": view.name, "html": placed, "content": html ?? ""])
        }
        context["views"] = shown
        return context
    }

    /// With the built-in theme's template (for tests and previews).
    static func html(_ block: OutputBlock, differs: Bool = false) throws(DiagnosticsError) -> String {
        var block = block
        block.differs = block.differs || differs
        return try SiteRenderer(theme: Theme.builtIn()).output.html(block)
    }
}
