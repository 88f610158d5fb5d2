import Foundation
import TestSupport
import Testing

/// A book that declares SwiftPM packages (`packages/Package.swift`): its dependencies are built
/// once into the cache, every command compiles the examples against them, and what goes wrong
/// with SwiftPM stops the build with one error naming the declaration. The dependency build
/// takes a minute or more: it is made once, and the other tests copy it into their caches.
@Suite(.serialized) struct PackagesTests {
    /// The fixture book, built once cold (its dependencies included), with what the build said;
    /// where nginx is, the build gave its work to a remote cache on it too.
    static let built: (book: URL, result: ToolProcess.Result, server: NginxServer?)? = {
        let server = try? NginxServer()
        let remote = server.map { ["--remote-cache", $0.url] } ?? []
        guard let book = try? TestSupport.copyFixture("packages"),
              let result = try? ToolProcess.run(["build"] + remote, in: book, environment: RemoteCacheTests.key) else { return nil }
        return (book, result, server)
    }()

    /// A new copy of the fixture book whose fresh cache holds only the built dependencies.
    static func bookWithBuiltDependencies() throws -> URL {
        let built = try #require(Self.built)
        let book = try TestSupport.copyFixture("packages")
        let cache = book.appendingPathComponent(".tutorial-cache")
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        for entry in ["CACHEDIR.TAG", "dependencies"] {
            try FileManager.default.copyItem(
                at: built.book.appendingPathComponent(".tutorial-cache/\(entry)"), to: cache.appendingPathComponent(entry))
        }
        return book
    }

    @Test func theDependenciesAreBuiltOnceAndAFreshCacheWithThemBuildsNoDependency() throws {
        let built = try #require(Self.built)
        #expect(built.result.status == 0, "\(built.result.stderr)")
        #expect(built.result.stderr.contains("dependencies: built debug in"), "\(built.result.stderr)")
        let page = try String(contentsOf: built.book.appendingPathComponent("site/packages.html"), encoding: .utf8)
        #expect(TestSupport.preTexts(page).contains { $0.contains("doing render") })
        #expect(TestSupport.preTexts(page).contains { $0.contains("received 9") })

        // Another folder, a fresh cache but for the dependency build: the example compiles
        // again, the dependencies do not, and the program finds the library where it moved.
        let book = try Self.bookWithBuiltDependencies()
        let report = book.appendingPathComponent("report.json")
        let second = try ToolProcess.run(["build", "--report", report.path], in: book)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.contains("dependencies: debug cached"), "\(second.stderr)")
        #expect(!second.stderr.contains("built debug"), "\(second.stderr)")
        #expect(second.stderr.contains("1 compiled"), "\(second.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any]
        let spans = (json?["timeline"] as? [[String: Any]]) ?? []
        #expect(!spans.isEmpty && !spans.contains { $0["kind"] as? String == "dependencies" }, "\(spans)")

        let run = try ToolProcess.run(["run", "packages"], in: book)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.split(separator: "\n") == ["doing load", "doing parse", "doing check", "doing render", "received 1", "received 4", "received 9"])
    }

    @Test(.enabled(if: NginxServer.binary != nil || NginxServer.required, "nginx is not installed"))
    func aMachineWithAnEmptyCacheFetchesTheDependencyBuildFromTheRemoteCache() throws {
        let built = try #require(Self.built)
        let server = try #require(built.server)
        #expect(built.result.status == 0, "\(built.result.stderr)")
        let book = try TestSupport.copyFixture("packages")
        let result = try ToolProcess.run(["build", "--remote-cache", server.url], in: book, environment: RemoteCacheTests.key)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("dependencies: debug fetched from the remote cache"), "\(result.stderr)")
        #expect(!result.stderr.contains("built debug"), "\(result.stderr)")
        let run = try ToolProcess.run(["run", "packages"], in: book)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("received 9"), "\(run.stdout)")
    }

    @Test func aCellImportingAModuleTheBookDoesNotDeclareGetsTheCompilersErrorAndAHint() throws {
        let book = try Self.bookWithBuiltDependencies()
        let chapter = "# Heap\n\n```swift\nimport HeapModule\nprint(Heap([3, 1, 2]).min!)\n```\n"
        try chapter.write(to: book.appendingPathComponent("chapters/02-heap.md"), atomically: true, encoding: .utf8)
        let result = try ToolProcess.run(["check"], in: book)
        #expect(result.status == 1)
        #expect(result.stderr.contains(
            "chapters/02-heap.md:4:8: error: no such module 'HeapModule'; hint: 'HeapModule' is not a product the book declares: add its package and product to packages/Package.swift"),
            "\(result.stderr)")
        #expect(!result.stderr.contains("built debug"), "\(result.stderr)")
    }

    /// What each failure does to the fixture's declaration, and what SwiftPM says of it.
    static let failures: [(name: String, change: @Sendable (String) -> String, says: String)] = [
        ("missing version", { $0.replacingOccurrences(of: "exact: \"1.6.0\"", with: "exact: \"99.0.0\"") },
         "no versions of 'swift-collections' match the requirement 99.0.0"),
        ("unreachable package", {
            $0.replacingOccurrences(of: "apple/swift-collections\"", with: "nobody/no-such-package\"")
                .replacingOccurrences(of: "package: \"swift-collections\"", with: "package: \"no-such-package\"")
        }, "Failed to clone repository https://github.com/nobody/no-such-package"),
        ("missing product", { $0.replacingOccurrences(of: "name: \"DequeModule\"", with: "name: \"NoSuchProduct\"") },
         "product 'NoSuchProduct' required by package 'packages' target 'TutorialBookDependencies' not found in package 'swift-collections'"),
        ("manifest error", { $0.replacingOccurrences(of: "targets: [", with: "targets: [[") },
         "packages/Package.swift:16:6: error: expected ',' separator"),
    ]

    @Test(arguments: failures.indices)
    func aDeclarationSwiftPMCannotBuildStopsTheBuildBeforeAnyExample(index: Int) throws {
        let failure = Self.failures[index]
        let book = try TestSupport.copyFixture("packages")
        let manifest = book.appendingPathComponent("packages/Package.swift")
        try failure.change(try String(contentsOf: manifest, encoding: .utf8)).write(to: manifest, atomically: true, encoding: .utf8)
        try Self.expectStopped(book, says: failure.says, line: failure.name == "manifest error" ? 16 : nil)
    }

    @Test func aDependencyThatDoesNotCompileStopsTheBuildWithTheCompilersMessage() throws {
        let book = try TestSupport.copyFixture("packages")
        let broken = book.appendingPathComponent("broken-package")
        try FileManager.default.createDirectory(at: broken.appendingPathComponent("Sources/Broken"), withIntermediateDirectories: true)
        try """
            // swift-tools-version: 6.0
            import PackageDescription
            let package = Package(name: "broken-package", products: [.library(name: "Broken", targets: ["Broken"])], targets: [.target(name: "Broken")])

            """.write(to: broken.appendingPathComponent("Package.swift"), atomically: true, encoding: .utf8)
        try "public func broken() -> Int { \"not a number\" }\n"
            .write(to: broken.appendingPathComponent("Sources/Broken/Broken.swift"), atomically: true, encoding: .utf8)
        try """
            // swift-tools-version: 6.0
            import PackageDescription
            let package = Package(
                name: "book-packages",
                dependencies: [.package(path: "\(broken.path)")],
                targets: [.target(name: "Examples", dependencies: [.product(name: "Broken", package: "broken-package")])]
            )

            """.write(to: book.appendingPathComponent("packages/Package.swift"), atomically: true, encoding: .utf8)
        try Self.expectStopped(book, says: "Broken.swift:1:31: error: cannot convert return expression of type 'String' to return type 'Int'", line: nil)
    }

    /// `build` fails with one error naming the declaration (at `line`) and saying `says`,
    /// compiles no example and writes neither a site nor a dependency build; so does `run`.
    static func expectStopped(_ book: URL, says: String, line: Int?) throws {
        let result = try ToolProcess.run(["build"], in: book)
        #expect(result.status == 1)
        let errors = result.stderr.split(separator: "\n").filter { $0.hasPrefix("packages/Package.swift") && $0.contains("error: the book's dependencies") }
        #expect(errors == ["packages/Package.swift\(line.map { ":\($0)" } ?? ""): error: the book's dependencies (debug) did not build (swift build: exit 1):"], "\(result.stderr)")
        #expect(result.stderr.contains(says), "\(result.stderr)")
        for written in ["site", ".tutorial-cache/programs", ".tutorial-cache/dependencies"] {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: book.appendingPathComponent(written).path)) ?? []
            #expect(entries.isEmpty, "\(written): \(entries)")
        }
        let run = try ToolProcess.run(["run", "packages"], in: book)
        #expect(run.status == 1)
        #expect(run.stderr.contains(says), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test(.enabled(if: Tools.curl || Tools.inCI, "curl is not installed"))
    func aNotebookCellEditedToUseAnImportedModuleRuns() throws {
        let server = try NotebookTests.Server(copy: try Self.bookWithBuiltDependencies())
        let code = "import DequeModule\nvar line: Deque = [\"b\", \"c\"]\nline.prepend(\"a\")\nprint(line.joined(separator: \"-\"))"
        let body = try String(decoding: JSONSerialization.data(withJSONObject: ["example": "packages", "cells": ["0": code]]), as: UTF8.self)
        let answer = try NotebookTests.curl(["-X", "POST"] + server.good + ["--data", body, "\(server.origin)/__tutorial/run"])
        #expect(answer.status == 200, "\(answer.body)")
        let lines = answer.body.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        }.filter { $0["event"] as? String == "line" }.compactMap { $0["text"] as? String }
        #expect(lines == ["a-b-c", "received 1", "received 4", "received 9"], "\(answer.body)")
    }
}
