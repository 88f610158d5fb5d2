import Foundation
import TutorialCheck
import TutorialExecution
import TutorialModel
import TutorialRender
import TutorialSite
import TutorialSupport

/// What the steps of writing a site share: the build's results, the renderer and the caches,
/// and what the steps made so far.
struct SiteBuild {
    let project: Project
    let plans: [ChapterPlan]
    let verdicts: [String: ExampleVerdict]
    let renderer: SiteRenderer
    /// A hash of what every page shows besides its content (titles, theme, views).
    let navigation: String
    let pages: PageCache
    let highlights: HighlightCache
    /// The site's files so far: path to contents.
    var files: [String: Data] = [:]
    /// The keys of the pages in use, so that the page cache can drop the others.
    var pageKeys: Set<String> = []

    /// Adds the file at `path`, from the page cache under `key` or made now by `render`.
    mutating func cachedFile(_ path: String, key: StableHash, render: () -> Data) {
        pageKeys.insert(key.hex)
        files[path] = pages.page(key.hex, render: render)
    }
}

/// A named step of writing the site: it adds files to a ``SiteBuild``. A new site file, or a
/// new kind of page, is one new step in ``standard``.
struct SiteStep: Sendable {
    let name: String
    let run: @Sendable (inout SiteBuild) throws(DiagnosticsError) -> Void

    package init(name: String, run: @escaping @Sendable (inout SiteBuild) throws(DiagnosticsError) -> Void) {
        self.name = name
        self.run = run
    }

    /// The steps of every build, in order.
    static var standard: [SiteStep] {
        [themeFiles, chapterImages, searchIndex, tableOfContents, exampleSources, indexPage, chapterPages, printPage]
    }

    /// The theme's stylesheet, script and extra files, as they are.
    static let themeFiles = SiteStep(name: "theme files") { site in
        site.files.merge(site.renderer.assets()) { _, new in new }
    }

    /// The image files the chapters show, at their paths inside the chapters folder.
    static let chapterImages = SiteStep(name: "chapter images") { (site: inout SiteBuild) throws(DiagnosticsError) in
        for image in site.project.book.images {
            guard let data = FileManager.default.contents(atPath: image.sourcePath) else {
                var diagnostic = image.reference
                diagnostic.message = "cannot read the image \(image.sourcePath)"
                throw DiagnosticsError([diagnostic])
            }
            site.files[image.sitePath] = data
        }
    }

    /// The index the search box reads.
    static let searchIndex = SiteStep(name: "search index") { site in
        let book = site.project.book
        var key = StableHash()
        key.combine("search \(ExampleRunner.toolHash) \(book.introductionHash)")
        for chapter in book.chapters { key.combine("\(chapter.pageName) \(chapter.sourceHash)") }
        site.cachedFile(SearchIndex.fileName, key: key) { SearchIndex.script(for: book) }
    }

    /// `toc.js`, the list of chapters every page's sidebar shows: written once, not in each page.
    static let tableOfContents = SiteStep(name: "table of contents") { site in
        site.files[TableOfContents.fileName] = TableOfContents.script(for: site.project.book)
    }

    /// Each example's full source, which compiles by itself.
    static let exampleSources = SiteStep(name: "example sources") { site in
        for example in site.project.catalog.examples {
            site.files[ExampleSources.path(for: example)] = Data(ExampleSources.source(for: example).utf8)
        }
    }

    /// `index.html`: the introduction and the table of contents, the one page that lists every
    /// chapter.
    static let indexPage = SiteStep(name: "index page") { site in
        var key = StableHash()
        key.combine(site.navigation)
        key.combine("index \(site.project.book.introductionHash)")
        for chapter in site.project.book.chapters {
            key.combine("\(chapter.number) \(chapter.slug) \(chapter.title)")
        }
        let (renderer, book) = (site.renderer, site.project.book)
        site.cachedFile("index.html", key: key) { renderer.indexPage(book) }
    }

    /// A page per chapter, rendered again only when its chapter, its examples' results, the
    /// chapters before and after it or what every page shows changed.
    static let chapterPages = SiteStep(name: "chapter pages") { site in
        let book = site.project.book
        let examplesByFile = Dictionary(grouping: site.project.catalog.examples, by: \.file)
        for (position, plan) in site.plans.enumerated() {
            let chapter = plan.chapter
            var key = StableHash()
            key.combine(site.navigation)
            key.combine("chapter \(position) \(chapter.sourceHash)")
            key.combine(SiteRenderer.neighbourhood(book, index: position))
            let examples = examplesByFile[chapter.path] ?? []
            for example in examples {
                // Which program ran, and which run of it: a new run is new output.
                key.combine(site.verdicts[example.name]?.runIdentity ?? "- 0 0")
            }
            let (renderer, verdicts, highlights) = (site.renderer, site.verdicts, site.highlights)
            site.cachedFile(chapter.pageName, key: key) {
                let content = PageRenderer.html(plan, verdicts: verdicts, highlight: highlights.html, output: renderer.output.html)
                return renderer.chapterPage(book, index: position, content: content, examples: examples)
            }
        }
    }

    /// `print.html`: the whole book on one page, from the chapter pages just written.
    static let printPage = SiteStep(name: "print page") { site in
        let content = PrintPage.content(for: site.project.book, files: site.files)
        site.files[PrintPage.fileName] = site.renderer.printPage(site.project.book, content: content)
    }
}
