import TestSupport
import Foundation
import Testing

/// The README's install command works on a fresh machine, and says what CI does.
@Suite struct InstallInstructionsTests {
    static let root = TestSupport.fixtures.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func text(_ path: String) throws -> String {
        try String(contentsOf: Self.root.appendingPathComponent(path), encoding: .utf8)
    }

    /// The commands of the first `sh` block after the `## Install` heading.
    func readmeInstallLines() throws -> [String] {
        let readme = try text("README.md")
        let install = try #require(readme.range(of: "## Install\n"))
        let rest = readme[install.upperBound...]
        let open = try #require(rest.range(of: "```sh\n"))
        let close = try #require(rest[open.upperBound...].range(of: "```"))
        return rest[open.upperBound..<close.lowerBound].split(separator: "\n").map(String.init)
    }

    /// The words that follow `apt-get install` and its options in `command`.
    func installedPackages(_ command: Substring) -> [String] {
        command.split(separator: " ").drop { $0 != "install" }.dropFirst().filter { !$0.hasPrefix("-") }.map(String.init)
    }

    @Test func theReadmeUpdatesThePackageListsBeforeInstallingAsCIDoes() throws {
        let lines = try readmeInstallLines()
        let line = try #require(lines.first { $0.contains("apt-get install") }, "no apt-get install in \(lines)")
        // On a fresh Debian machine the package lists are empty: install fails until update ran.
        let commands = line.components(separatedBy: "&&").map { $0.trimmingCharacters(in: .whitespaces) }
        let update = try #require(commands.firstIndex { $0.hasPrefix("apt-get update") }, "\(line)")
        let install = try #require(commands.firstIndex { $0.hasPrefix("apt-get install") }, "\(line)")
        #expect(update < install, "\(line)")
        #expect(commands[install].contains(" -y "))
        let packages = installedPackages(Substring(commands[install]))
        #expect(!packages.isEmpty)

        // CI installs the same packages (and more), after an apt-get update.
        let ci = try text(".ci/run")
        let loop = try #require(ci.split(separator: "\n").first { $0.hasPrefix("for package in") })
        let list = try #require(loop.dropFirst("for package in ".count).split(separator: ";").first)
        let ciPackages = list.split(separator: " ").map(String.init)
        for package in packages {
            #expect(ciPackages.contains(package), "CI does not install \(package): \(ciPackages)")
        }
        let ciUpdate = try #require(ci.range(of: "apt-get update"))
        let ciInstall = try #require(ci.range(of: "apt-get install"))
        #expect(ciUpdate.lowerBound < ciInstall.lowerBound)
    }

    @Test func ciChecksTheFlagshipBookAfterTheTests() throws {
        let commands = try text(".ci/run").split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.hasPrefix("#") && !$0.isEmpty }
        let test = try #require(commands.firstIndex(of: "swift test"), "\(commands)")
        let check = try #require(commands.firstIndex { $0.hasPrefix("swift run tutorial check") }, "\(commands)")
        #expect(test < check)
        // It checks the flagship book, which is there.
        let words = commands[check].split(separator: " ")
        let chapters = words.firstIndex(of: "--chapters").map { String(words[$0 + 1]) } ?? "chapters"
        #expect(chapters == "chapters")
        #expect(FileManager.default.fileExists(atPath: Self.root.appendingPathComponent("chapters/01-introduction.md").path)
            || ((try? FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("chapters").path))?.isEmpty == false))
    }
}
