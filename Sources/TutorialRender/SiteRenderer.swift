import Foundation
import Mustache
import TutorialExecution
import TutorialModel
import TutorialSupport

/// Renders the pages of the site with the Mustache templates of the theme.
package struct SiteRenderer: Sendable {
    var theme: Theme
    private let library: MustacheLibrary
    private let pageTemplate: MustacheTemplate
    /// Renders output blocks with the theme's `output.mustache`.
    package let output: OutputBlockRenderer
    /// The machine shown at the foot of every page.
    var machine: MachineInfo

    package init(theme: Theme, machine: MachineInfo = .current(compilerVersion: "")) throws(DiagnosticsError) {
        self.theme = theme
        self.machine = machine
        var library = MustacheLibrary()
        var templates: [String: MustacheTemplate] = [:]
        for name in Theme.templateNames {
            guard let text = theme.files[name].flatMap({ String(data: $0, encoding: .utf8) }) else {
                throw DiagnosticsError([Diagnostic(file: theme.origin(of: name), message: "template missing or not UTF-8", category: .theme)])
            }
            do {
                let template = try MustacheTemplate(string: text)
                templates[name] = template
                library.register(template, named: Self.templateName(name))
            } catch {
                throw DiagnosticsError([Diagnostic(file: theme.origin(of: name), message: "template does not parse: \(error)", category: .theme)])
            }
        }
        // Mustache renders a partial it does not know as nothing: a misspelt one would leave a
        // hole in every page without a word.
        let known = Set(Theme.templateNames.map(Self.templateName))
        let unknown = Theme.templateNames.flatMap { name in
            TemplatePartials.references(in: String(decoding: theme.files[name] ?? Data(), as: UTF8.self))
                .filter { !known.contains($0.name) }
                .map { reference in
                    Diagnostic(
                        file: theme.origin(of: name), line: reference.line, column: reference.column,
                        message: "the partial '\(reference.name)' is not a template of the theme (it has: \(known.sorted().joined(separator: ", ")))",
                        category: .theme)
                }
        }
        if !unknown.isEmpty { throw DiagnosticsError(unknown) }
        guard let page = templates["page.mustache"], let output = templates["output.mustache"] else {
            throw DiagnosticsError([Diagnostic(file: theme.origin(of: "page.mustache"), message: "template missing", category: .theme)])
        }
        self.library = library
        self.pageTemplate = page
        self.output = OutputBlockRenderer(template: output, library: library)
    }

    private static func templateName(_ file: String) -> String {
        String(file.dropLast(".mustache".count))
    }

    /// The theme's files that are copied into the site as they are.
    package func assets() -> [String: Data] {
        theme.siteFiles
    }

    /// A hash of everything every page shows besides its own content and its neighbours: the
    /// book's title, the theme, and the machine the outputs came from. Not the other chapters'
    /// titles: pages do not list them (the shared `toc.js` does), so that editing one title
    /// renders again only its page, its neighbours and the index.
    package func navigationKey(_ book: Book) -> String {
        var hash = StableHash()
        hash.combine(ExampleRunner.toolHash)
        hash.combine(machine.key)
        hash.combine(book.title)
        for view in output.views { hash.combine(view.name) }
        for name in theme.files.keys.sorted() {
            hash.combine(name)
            hash.combine(String(decoding: theme.files[name] ?? Data(), as: UTF8.self))
        }
        return hash.hex
    }

    /// `index.html`: the introduction and the table of contents.
    package func indexPage(_ book: Book) -> Data {
        let introduction = book.introduction.map(Self.introductionHTML) ?? ""
        return Data(page(book: book, current: nil, title: book.title, content: introduction, isIndex: true).utf8)
    }

    /// The page of the `index`-th chapter, around its rendered `content`, with the commands that
    /// run its `examples` and links to their sources.
    package func chapterPage(_ book: Book, index: Int, content: String, examples: [Example]) -> Data {
        let links: [[String: Any]] = examples.map { example in
            var link: [String: Any] = [
                "name": example.name, "source": ExampleSources.path(for: example),
                "sourceName": ExampleSources.fileName(for: example),
            ]
            switch example.expectation {
            case .succeed: break
            case .failToCompile: link["note"] = "does not compile, on purpose"
            case .failToRun: link["note"] = example.isExercise ? "an exercise: fails until you complete it" : "fails, on purpose"
            }
            return link
        }
        return Data(page(
            book: book, current: index, title: book.chapters[index].title, content: content, isIndex: false,
            extra: ["examples": links, "hasExamples": !links.isEmpty]).utf8)
    }

    /// What a chapter page shows of chapter `index` besides its own content and the book's title:
    /// its place, name and title and those of the chapters before and after it, for its page's
    /// cache key.
    package static func neighbourhood(_ book: Book, index: Int) -> String {
        let around = max(index - 1, 0)...min(index + 1, book.chapters.count - 1)
        return around.map { "\($0 - index) \(book.chapters[$0].number) \(book.chapters[$0].slug) \(book.chapters[$0].title)" }
            .joined(separator: "\n")
    }

    private func page(book: Book, current: Int?, title: String, content: String, isIndex: Bool, extra: [String: Any] = [:]) -> String {
        var context: [String: Any] = [
            "bookTitle": book.title,
            "title": title,
            "content": content,
            "isIndex": isIndex,
            "machine": machine.context,
        ].merging(extra) { _, new in new }
        // Only the index lists every chapter: a chapter page listing them all would make the
        // site grow with the square of the book (the sidebar's list comes from `toc.js`).
        if isIndex {
            context["chapters"] = book.chapters.map { link($0, current: false) }
        }
        if let current {
            context["chapter"] = link(book.chapters[current], current: true)
            context["slug"] = book.chapters[current].slug
            if current > 0 { context["previous"] = link(book.chapters[current - 1], current: false) }
            if current + 1 < book.chapters.count { context["next"] = link(book.chapters[current + 1], current: false) }
        } else if let first = book.chapters.first {
            context["next"] = link(first, current: false)
        }
        return pageTemplate.render(context, library: library)
    }

    private func link(_ chapter: Chapter, current: Bool) -> [String: Any] {
        ["title": chapter.title, "href": chapter.pageName, "number": chapter.number, "slug": chapter.slug, "current": current]
    }

    /// The introduction's prose; its code blocks are shown, not run.
    static func introductionHTML(_ document: MarkdownDocument) -> String {
        document.pieces.map { piece in
            switch piece {
            case .html(let html): html
            case .block(let block) where BlockRole(of: block) == .cell: PageRenderer.cellHTML(block)
            case .block(let block) where !block.body.isEmpty: "<pre><code>\(HTML.escape(block.body))</code></pre>\n"
            case .block: ""
            }
        }.joined()
    }
}
