import Testing
@testable import TutorialExecution

@Suite struct ThreadSanitizerReportTests {
    /// A report as the runtime printed it for a racy global counter (Swift 6.3, Linux).
    static let report = """
        ==================
        WARNING: ThreadSanitizer: Swift access race (pid=22826)
          Modifying access of Swift variable at 0x55b494307b40 by thread T2:
            #0 $s4prog10Foundation6ThreadCSiXEfU_yyYbcfU_ /tmp/book/chapters/03-race.md (prog+0xfd281) (BuildId: d735)
            #1 $s10Foundation6ThreadC4mainyyF <null> (libFoundation.so+0x3795f8) (BuildId: bbe2)

          Previous write of size 1 at 0x55b494307b40 by thread T1:
            #0 $s4prog10Foundation6ThreadCSiXEfU_yyYbcfU_ /tmp/book/chapters/03-race.md:41:71 (prog+0xfd2b1) (BuildId: d735)

          Location is global '$s4prog7counterSivp' of size 8 at 0x55b494307b40 (prog+0x14bbb40)

          Thread T2 'prog' (tid=22829, running) created by main thread at:
            #0 pthread_create /llvm/tsan_interceptors_posix.cpp:1094:3 (prog+0x7c31a) (BuildId: d735)

        SUMMARY: ThreadSanitizer: Swift access race /tmp/book/chapters/03-race.md in $s4prog10Foundation6ThreadCSiXEfU_yyYbcfU_
        ==================
        ThreadSanitizer: reported 1 warnings
        """

    @Test func condensesAReportAndKeepsTheOtherLines() {
        var lines = [OutputLine(stream: .stdout, text: "before", time: 0)]
        lines += Self.report.split(separator: "\n", omittingEmptySubsequences: false).map { OutputLine(stream: .stderr, text: String($0), time: 0.1) }
        lines.append(OutputLine(stream: .stdout, text: "after", time: 0.2))
        let (reports, rest) = ThreadSanitizerReport.extract(from: lines, files: ["chapters/03-race.md"])
        #expect(rest.map(\.text) == ["before", "after"])
        #expect(reports.count == 1)
        #expect(reports.first?.summary == "Swift access race: modifying access of `counter` in 03-race.md on thread T2 and earlier write at 03-race.md:41 on thread T1")
        #expect(reports.first?.line == 41)
        #expect(reports.first?.raw.contains("BuildId: d735") == true)
    }

    /// The raw report names the book's files from the book's folder, not the build's absolute
    /// path, and shows Swift's names demangled.
    @Test func theRawReportHasBookPathsAndDemangledNames() throws {
        let lines = Self.report.split(separator: "\n", omittingEmptySubsequences: false).map { OutputLine(stream: .stderr, text: String($0), time: 0.1) }
        let raw = try #require(ThreadSanitizerReport.extract(from: lines, files: ["chapters/03-race.md"]).reports.first).raw
        #expect(!raw.contains("/tmp/book"), "\(raw)")
        #expect(raw.contains(" chapters/03-race.md:41:71 (prog+0xfd2b1)"), "\(raw)")
        #expect(raw.contains("Foundation.Thread.main() -> ()"), "\(raw)")
        #expect(raw.contains("'prog.counter : Swift.Int'"), "\(raw)")
        #expect(!raw.contains("$s4prog"), "\(raw)")
        #expect(raw.contains("/llvm/tsan_interceptors_posix.cpp:1094:3"), "\(raw)")
    }

    @Test func noticesASanitizerThatCannotRun() {
        let lines = [OutputLine(stream: .stderr, text: "FATAL: ThreadSanitizer: unexpected memory mapping 0x7f0000000000-0x7f0000001000", time: 0)]
        #expect(ThreadSanitizerReport.failedToStart(lines) != nil)
        #expect(ThreadSanitizerReport.failedToStart([OutputLine(stream: .stdout, text: "ok", time: 0)]) == nil)
    }
}
