import TestSupport
import Foundation
import Testing

/// Where the tool isolates runs (as root, with mount namespaces), a program keeps no capability,
/// leaves no System V shared memory behind, makes no file in the host's /dev, can write no core
/// file, and its crash report still reaches the cache.
@Suite struct RunConfinementTests {
    @Test(.enabled(if: RunLimitTests.privateMountsAvailable || RunLimitTests.inCI, "not root, or no mount namespaces here"))
    func aRootRunKeepsNoCapabilityAndLeavesNothingInTheHost() throws {
        let key = Int32.random(in: 0x1000_0000...0x7fff_0000)
        let device = "/dev/tutorial-confinement-\(key)"
        defer { unlink(device) }
        let book = try TestSupport.temporaryDirectory("confinement")
        try FileManager.default.createDirectory(at: book.appendingPathComponent("chapters"), withIntermediateDirectories: true)
        let cell = """
            import Foundation
            let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
            for line in status.split(separator: "\\n") where line.hasPrefix("CapEff") || line.hasPrefix("CapBnd") { print(line) }
            let segment = shmget(key_t(\(key)), 1 << 20, IPC_CREAT | 0o600)
            print("segment made:", segment >= 0)
            print("device file made:", FileManager.default.createFile(atPath: "\(device)", contents: Data("x".utf8)))
            var core = rlimit()
            getrlimit(__rlimit_resource_t(RLIMIT_CORE.rawValue), &core)
            print("core files up to:", core.rlim_max)
            """
        let crash = "```swift should_fail example=crash\nlet numbers = [1]\nprint(numbers[Int(CommandLine.arguments.count) + 5])\n```\n"
        try "# C\n\n```swift\n\(cell)\n```\n\n```\n```\n\n\(crash)".write(
            to: book.appendingPathComponent("chapters/01-confined.md"), atomically: true, encoding: .utf8)
        let result = try ToolProcess.run(["build"], in: book)
        #expect(result.status == 0, "\(result.stderr)")
        let page = try String(contentsOf: book.appendingPathComponent("site/confined.html"), encoding: .utf8)
        #expect(page.contains("CapEff:\t0000000000000000") && page.contains("CapBnd:\t0000000000000000"), "\(TestSupport.preTexts(page))")
        #expect(page.contains("segment made: true"))
        // The run's IPC namespace went with it, and its segment too.
        let segments = (try? String(contentsOfFile: "/proc/sysvipc/shm", encoding: .utf8)) ?? ""
        let keys = segments.split(separator: "\n").dropFirst().compactMap { $0.split(separator: " ").first.flatMap { Int32($0) } }
        #expect(!keys.contains(key), "the run's shared memory segment outlived it")
        #expect(page.contains("device file made: false"))
        // No core file (a copy of the reaper's memory, which is the tool's) can be written.
        #expect(page.contains("core files up to: 0"))
        #expect(!FileManager.default.fileExists(atPath: device))
        // The crash's backtrace is kept where the guide says (How examples run).
        let report = book.appendingPathComponent(".tutorial-cache/crash-reports/crash.log")
        #expect(FileManager.default.fileExists(atPath: report.path), "\(result.stderr)")
    }
}
