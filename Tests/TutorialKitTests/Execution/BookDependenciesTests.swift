import Foundation
import TestSupport
import Testing
@testable import TutorialExecution

/// The book's declared packages: which build each example needs, what keys it, how examples
/// link it, and how SwiftPM's failures are told.
@Suite struct BookDependenciesTests {
    /// A book folder with `packages/Package.swift` (and `Package.resolved` when given).
    static func book(manifest: String = "// swift-tools-version: 6.0\n", resolved: String? = nil) throws -> URL {
        let book = try TestSupport.temporaryDirectory("book-dependencies")
        try FileManager.default.createDirectory(at: book.appendingPathComponent("packages"), withIntermediateDirectories: true)
        try manifest.write(to: book.appendingPathComponent("packages/Package.swift"), atomically: true, encoding: .utf8)
        if let resolved { try resolved.write(to: book.appendingPathComponent("packages/Package.resolved"), atomically: true, encoding: .utf8) }
        return book
    }

    static func dependencies(_ book: URL) -> BookDependencies? {
        BookDependencies(
            chapters: book.appendingPathComponent("chapters").path, shownAs: "packages/Package.swift",
            cacheRoot: book.appendingPathComponent(".tutorial-cache").path, compilerVersion: "Swift 6.3.1")
    }

    @Test func aBookWithoutTheDeclarationHasNoDependencies() throws {
        let book = try TestSupport.temporaryDirectory("no-dependencies")
        #expect(Self.dependencies(book) == nil)
    }

    @Test func eachFlavourFollowsTheExamplesCompileWords() {
        let flavours = ["```swift\nprint(1)\n```\n", "```swift optimize\nprint(1)\n```\n", "```swift tsan\nprint(1)\n```\n"]
            .map { DependencyFlavour(compileFlags: Compiler.extraFlags(for: TestSupport.example($0))) }
        #expect(flavours.map(\.description) == ["debug", "release", "debug+tsan"])
        #expect(flavours[1].buildArguments == ["-c", "release"])
        #expect(flavours[2].buildArguments == ["-c", "debug", "--sanitize=thread"])
    }

    @Test func theKeyHoldsTheManifestTheResolvedVersionsAndTheFlavour() throws {
        let first = try #require(Self.dependencies(try Self.book(resolved: "{\"pins\": 1}")))
        let changedPins = try #require(Self.dependencies(try Self.book(resolved: "{\"pins\": 2}")))
        let changedManifest = try #require(Self.dependencies(try Self.book(manifest: "// swift-tools-version: 6.1\n", resolved: "{\"pins\": 1}")))
        let keys = [first.key(for: .init()), changedPins.key(for: .init()), changedManifest.key(for: .init()), first.key(for: .init(release: true))]
        #expect(Set(keys).count == 4)
    }

    @Test func anExamplesKeyHoldsTheDependencyBuildsKey() throws {
        let example = TestSupport.example("```swift\nprint(1)\n```\n")
        var runner = ExampleRunner(compiler: Compiler(), cache: ProgramCache(root: "/unused"), compilerVersion: "Swift 6.3.1")
        let plain = runner.key(for: example)
        runner.dependencies = Self.dependencies(try Self.book(resolved: "{\"pins\": 1}"))
        let declared = runner.key(for: example)
        runner.dependencies = Self.dependencies(try Self.book(resolved: "{\"pins\": 2}"))
        #expect(Set([plain, declared, runner.key(for: example)]).count == 3)
    }

    @Test func theLibraryIsFoundByAPathRelativeToTheProgram() throws {
        let dependencies = try #require(Self.dependencies(try Self.book()))
        let package = dependencies.package(for: .init())
        let program = "\(dependencies.cacheRoot)/notebook/programs/abc"
        let flags = dependencies.compileFlags(for: .init(), programDirectory: program)
        let key = dependencies.key(for: .init())
        #expect(flags.contains("$ORIGIN/../../../dependencies/\(key)/build/debug"), "\(flags)")
        #expect(flags.contains("-lTutorialBookDependencies"))
        #expect(flags.contains("\(package.folder)/build/debug/Modules"))
    }

    @Test func swiftPMsErrorsNameTheDeclarationAndItsLine() {
        let manifest = "/cache/dependencies/k/packages/Package.swift"
        let log = """
            Fetching https://github.com/apple/swift-collections
            error: 'packages': Invalid manifest (compiled with: ["swiftc", "x"])
            \(manifest):16:6: error: expected ',' separator
               |      `- error: expected ',' separator
            error: Failed to clone repository https://github.com/nobody/none:
                fatal: repository '/opt/none' does not exist

            """
        let (message, line) = DependencyPackage.summarize(log, manifest: manifest, shownAs: "packages/Package.swift")
        #expect(line == 16)
        #expect(message == """
            error: 'packages': Invalid manifest
            packages/Package.swift:16:6: error: expected ',' separator
            error: Failed to clone repository https://github.com/nobody/none:
                fatal: repository '/opt/none' does not exist
            """)
    }

    @Test func anUndeclaredModuleGetsAHintAtItsPlace() throws {
        let dependencies = try #require(Self.dependencies(try Self.book()))
        let log = "chapters/01-a.md:3:8: error: no such module 'HeapModule'\n1 | import HeapModule\n"
        #expect(dependencies.annotate(log) == """
            chapters/01-a.md:3:8: error: no such module 'HeapModule'; hint: 'HeapModule' is not a product the book declares: \
            add its package and product to packages/Package.swift
            1 | import HeapModule

            """)
        #expect(dependencies.annotate("x.swift:1:1: error: other\n") == "x.swift:1:1: error: other\n")
    }
}
