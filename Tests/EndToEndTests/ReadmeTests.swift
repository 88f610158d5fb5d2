import TestSupport
import Foundation
import Testing

/// The README is short and points at what holds the rest: its three commands, the guide, the
/// screenshots and docs/DEVELOPING.md, each of which is there.
@Suite struct ReadmeTests {
    static let root = InstallInstructionsTests.root

    func text(_ path: String) throws -> String {
        try String(contentsOf: Self.root.appendingPathComponent(path), encoding: .utf8)
    }

    /// The targets of the Markdown links and images of `markdown` that are paths in the repository.
    func localTargets(_ markdown: String) throws -> [String] {
        let regex = try NSRegularExpression(pattern: #"\]\(([^)\s]+)\)"#)
        return regex.matches(in: markdown, range: NSRange(markdown.startIndex..., in: markdown)).map {
            String(markdown[Range($0.range(at: 1), in: markdown)!])
        }.filter { !$0.contains("://") && !$0.hasPrefix("#") }
    }

    @Test func theUseSectionHoldsTheThreeCommands() throws {
        let readme = try text("README.md")
        let use = try #require(readme.range(of: "## Use\n"))
        let rest = readme[use.upperBound...]
        let open = try #require(rest.range(of: "```sh\n"))
        let close = try #require(rest[open.upperBound...].range(of: "```"))
        let commands = rest[open.upperBound..<close.lowerBound].split(separator: "\n").map {
            $0.split(separator: "#").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        }
        #expect(commands == ["swift run tutorial build", "swift run tutorial run multithreading", "swift test"])
        #expect(readme.contains("swift run tutorial build --chapters docs/guide/chapters --output guide-site"))
    }

    @Test func everyLinkAndImageOfTheReadmeAndDevelopingIsThere() throws {
        for (file, folder) in [("README.md", ""), ("docs/DEVELOPING.md", "docs/")] {
            let targets = try localTargets(try text(file))
            #expect(!targets.isEmpty, "\(file) links to nothing")
            for target in targets {
                let path = Self.root.appendingPathComponent(folder + target).path
                #expect(FileManager.default.fileExists(atPath: path), "\(file): \(target) is not there")
            }
        }
        let readme = try text("README.md")
        for link in ["docs/guide/chapters", "docs/DEVELOPING.md"] {
            #expect(try localTargets(readme).contains(link), "the README does not link \(link)")
        }
    }

    @Test func theReadmesScreenshotsAreTheGuidesAndSmall() throws {
        let images = try localTargets(try text("README.md")).filter { $0.hasSuffix(".png") }
        #expect(Set(images) == ["docs/guide/chapters/images/notebook.png", "docs/guide/chapters/images/phone.png",
                                "docs/guide/chapters/images/lanes-light.png", "docs/guide/chapters/images/lanes-dark.png"])
        for image in images {
            let size = try FileManager.default.attributesOfItem(atPath: Self.root.appendingPathComponent(image).path)[.size] as? Int ?? 0
            #expect(size > 0 && size < 150 * 1024, "\(image) is \(size) bytes")
        }
    }
}
