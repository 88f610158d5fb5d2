import TestSupport
import Testing
@testable import TutorialCheck
@testable import TutorialExecution
@testable import TutorialModel
@testable import TutorialRender

/// The cell words that change how an example is compiled: `optimize` and `feature=NAME`, their
/// flags, their place in the cache key and in captions, and the machine block of every page.
@Suite struct CompileWordsTests {
    @Test func parsesOptimizeAndFeatures() throws {
        let words = try CellAttributes(words: ["optimize", "feature=NonisolatedNonsendingByDefault", "feature=InferIsolatedConformances"])
        #expect(words.words.has(OptimizeWord.self))
        #expect(words.words.all(FeatureWord.self).map(\.feature) == ["NonisolatedNonsendingByDefault", "InferIsolatedConformances"])
        // Repeating a feature names it once in the flags.
        let twice = try CellAttributes(words: ["feature=A1", "feature=A1"]).words.all(FeatureWord.self)
        #expect(FeatureWord.compileFlags(twice.map { CellWordUse(cell: 0, word: $0) }) == ["-enable-upcoming-feature", "A1"])
        #expect(try CellAttributes(words: []).words.has(OptimizeWord.self) == false)
    }

    @Test(arguments: ["feature=", "feature", "feature=Bad-Name", "feature=1Feature", "feature=a b", "optimize=1", "feature=É"])
    func refusesMalformedWords(word: String) {
        #expect(throws: AttributeError.self) { try CellAttributes(words: [word]) }
    }

    @Test func defaultIsolationBecomesTheCompilersFlag() throws {
        #expect(try CellAttributes(words: ["default_isolation=MainActor"]).defaultIsolation == "MainActor")
        #expect(throws: AttributeError.self) { try CellAttributes(words: ["default_isolation=Main"]) }
        #expect(throws: AttributeError.self) { try CellAttributes(words: ["default_isolation"]) }
        #expect(throws: AttributeError.self) { try CellAttributes(words: ["ignore", "default_isolation=nonisolated"]) }
        let example = TestSupport.example("```swift\nlet a = 1\n```\n\n```swift default_isolation=MainActor\nprint(a)\n```\n")
        #expect(Compiler.extraFlags(for: example) == ["-default-isolation", "MainActor"])
        var block = OutputBlock(lines: [], duration: 0.1, status: .ran)
        block.example = example
        #expect(block.compiledAs == ["default isolation MainActor"])
        let runner = ExampleRunner(compiler: Compiler(), cache: ProgramCache(root: "/unused"), compilerVersion: "Swift 6.3.1")
        #expect(runner.key(for: example) != runner.key(for: TestSupport.example("```swift\nlet a = 1\n```\n\n```swift\nprint(a)\n```\n")))
    }

    @Test func refusesCompileWordsOnIgnoredCells() {
        #expect(throws: AttributeError.self) { try CellAttributes(words: ["ignore", "optimize"]) }
        #expect(throws: AttributeError.self) { try CellAttributes(words: ["ignore", "feature=A"]) }
    }

    @Test func aMalformedFeatureIsAnErrorAtTheCellsLine() {
        let diagnostics = ExampleCatalog(book: Self.book("Prose.\n\n```swift feature=not-a-name\nprint(1)\n```\n")).diagnostics
        #expect(diagnostics.contains { $0.file == "chapters/01-demo.md" && $0.line == 3 && $0.message.contains("feature takes") }, "\(diagnostics)")
    }

    static func book(_ source: String) -> Book {
        let document = BookLoader(chaptersDirectory: "unused").parser.parse(source)
        let chapter = Chapter(path: "chapters/01-demo.md", number: 1, slug: "demo", title: "Demo", document: document)
        return Book(title: "T", introduction: nil, chapters: [chapter], chaptersDirectory: "chapters")
    }

    @Test func flagsFollowTheWordsOfAnyCell() {
        let plain = TestSupport.example("```swift\nprint(1)\n```\n")
        #expect(Compiler.extraFlags(for: plain).isEmpty)
        let both = TestSupport.example(
            "```swift\nlet a = 1\n```\n\n```swift optimize feature=B feature=A\nprint(a)\n```\n\n```swift tsan feature=A\nprint(2)\n```\n")
        #expect(Compiler.extraFlags(for: both) == [
            "-sanitize=thread", "-g", "-O", "-enable-upcoming-feature", "A", "-enable-upcoming-feature", "B",
        ])
    }

    @Test func theCacheKeyHoldsTheFlags() {
        let runner = ExampleRunner(compiler: Compiler(), cache: ProgramCache(root: "/unused"), compilerVersion: "Swift 6.3.1")
        let plain = TestSupport.example("```swift\nprint(1)\n```\n")
        let optimized = TestSupport.example("```swift optimize\nprint(1)\n```\n")
        let featured = TestSupport.example("```swift feature=NonisolatedNonsendingByDefault\nprint(1)\n```\n")
        let keys = Set([plain, optimized, featured].map(runner.key(for:)))
        #expect(keys.count == 3)
    }

    @Test func theCaptionSaysHowTheExampleWasCompiled() throws {
        var block = OutputBlock(lines: [OutputLine(stream: .stdout, text: "x", time: 0)], duration: 0.1, status: .ran)
        #expect(!(try OutputBlockRenderer.html(block)).contains("compiled-as"))
        block.example = TestSupport.example("```swift optimize feature=NonisolatedNonsendingByDefault\nprint(1)\n```\n")
        let html = try OutputBlockRenderer.html(block)
        #expect(html.contains("<span class=\"compiled-as\">optimized (-O), feature NonisolatedNonsendingByDefault</span>"))
        var broken = OutputBlock(lines: [], duration: nil, status: .compileErrorAsExpected("a.md:1:1: error: x"))
        broken.example = TestSupport.example("```swift compile_fail feature=A\nprint(1)\n```\n")
        #expect(try OutputBlockRenderer.html(broken).contains("did not compile, as expected · <span class=\"compiled-as\">feature A</span>"))
    }

    @Test func readsTheCPUModel() {
        let cpuinfo = "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R)   CPU @ 2.20GHz\nflags\t: fpu\n"
        #expect(MachineInfo.cpuModel(cpuinfo: cpuinfo) == "Intel(R) Xeon(R) CPU @ 2.20GHz")
        #expect(!MachineInfo.cpuModel(cpuinfo: "").isEmpty)
        #expect(MachineInfo.today().wholeMatch(of: /[0-9]{4}-[0-9]{2}-[0-9]{2}/) != nil)
    }

    @Test func everyPageShowsTheMachineAndItIsPartOfThePageKey() throws {
        let machine = MachineInfo(compiler: "Swift version 9.9 <x>", flags: "swiftc -swift-version 6", cpu: "Test CPU", cores: 3, kernel: "Linux 1.2", date: "2026-01-02")
        let renderer = try SiteRenderer(theme: Theme.builtIn(), machine: machine)
        let book = Self.book("# Demo\n")
        for page in [renderer.indexPage(book), renderer.chapterPage(book, index: 0, content: "", examples: [])] {
            let html = String(decoding: page, as: UTF8.self)
            #expect(html.contains("<footer class=\"machine\">"))
            #expect(html.contains("Swift version 9.9 &lt;x&gt;"))
            #expect(html.contains("Test CPU, 3 cores"))
            #expect(html.contains("Linux 1.2"))
            #expect(html.contains("2026-01-02"))
        }
        // The flags words add come from the registry, in its order, each with what the output says.
        let footer = String(decoding: renderer.indexPage(book), as: UTF8.self)
        let listed = footer.matches(of: /<code>([^<]*)<\/code> \(([^)]*)\)/).map { "\($0.output.1) (\($0.output.2))" }
        #expect(listed == CellWordRegistry.footerFlags.map { "\($0.flags) (\($0.caption))" })
        #expect(listed.count == 3 && listed.contains("-O (optimized)") && footer.contains("</code> (ThreadSanitizer), <code>-O</code>"), "\(listed)")
        #expect(footer.contains(" or <code>-enable-upcoming-feature NAME</code> (feature NAME)</dd>"))
        var later = machine
        later.date = "2026-01-03"
        let other = try SiteRenderer(theme: Theme.builtIn(), machine: later)
        #expect(other.navigationKey(book) != renderer.navigationKey(book))
    }
}
