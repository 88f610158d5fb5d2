import TestSupport
import Foundation
import Testing

/// A book whose examples behave differently under `feature=NonisolatedNonsendingByDefault` and
/// `optimize`: the real outputs differ, the captions say how each example was compiled, and every
/// page's foot names the machine.
@Suite struct CompileWordsEndToEndTests {
    @Test func featuresAndOptimizationChangeTheRealOutput() throws {
        let book = try TestSupport.copyFixture("compile-words")
        let result = try ToolProcess.run(["build"], in: book)
        #expect(result.status == 0, "\(result.stderr)")

        let semantics = try String(contentsOf: book.appendingPathComponent("site/semantics.html"), encoding: .utf8)
        #expect(TestSupport.preTexts(semantics) == ["called from the main actor, runs on: no actor\n", "called from the main actor, runs on: MainActor\n"])
        #expect(semantics.components(separatedBy: "feature NonisolatedNonsendingByDefault</span>").count == 2)

        let optimized = try String(contentsOf: book.appendingPathComponent("site/optimized.html"), encoding: .utf8)
        #expect(TestSupport.preTexts(optimized) == ["assert evaluated\ndone\n", "done\n"])
        #expect(optimized.components(separatedBy: "<span class=\"compiled-as\">optimized (-O)</span>").count == 2)

        // The example's source file gives the command with the example's flags.
        let fast = try String(contentsOf: book.appendingPathComponent("site/examples/fast.swift"), encoding: .utf8)
        #expect(fast.contains("//     swiftc -swift-version 6 -O fast.swift -o fast && ./fast"), "\(fast)")
        let approachable = try String(contentsOf: book.appendingPathComponent("site/examples/approachable.swift"), encoding: .utf8)
        #expect(approachable.contains("swiftc -swift-version 6 -enable-upcoming-feature NonisolatedNonsendingByDefault approachable.swift"))

        // The machine block: the compiler's first line, the cores, the kernel.
        let version = try Self.shell("swiftc --version 2>&1 | head -1").trimmingCharacters(in: .whitespacesAndNewlines)
        let kernel = try Self.shell("uname -sr").trimmingCharacters(in: .whitespacesAndNewlines)
        for page in [semantics, optimized] {
            let footer = try #require(page.firstMatch(of: /(?s)<footer class="machine">.*?<\/footer>/)).0
            #expect(footer.contains("<dd>\(version)</dd>"), "\(footer)")
            #expect(footer.contains(", \(ProcessInfo.processInfo.activeProcessorCount) cores</dd>"))
            #expect(footer.contains("<dd>\(kernel)</dd>"))
            #expect(footer.contains("-swift-version 6"))
        }

        // Changing only a word compiles that example again.
        let chapter = book.appendingPathComponent("chapters/02-optimized.md")
        let text = try String(contentsOf: chapter, encoding: .utf8)
        try text.replacingOccurrences(of: "example=fast optimize", with: "example=fast")
            .replacingOccurrences(of: "```output\ndone\n```", with: "```output\nassert evaluated\ndone\n```")
            .write(to: chapter, atomically: true, encoding: .utf8)
        let again = try ToolProcess.run(["build"], in: book)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stderr.contains("4 examples: 1 compiled, 1 run, 3 cached"), "\(again.stderr)")
    }

    /// What `command` prints, run by `/bin/sh`.
    static func shell(_ command: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
