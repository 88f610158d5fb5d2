import TestSupport
import Foundation
import Testing

/// `--memory-limit` holds for the whole run (shared memory and child processes included) and
/// `--disk-limit` for what it writes into its scratch and temporary folders: a run past either is
/// killed and reported, with the way the limit was held. Each is tested the firmest way the
/// machine allows (a cgroup, a tmpfs of the run's own: they need root and a writable cgroup; they
/// skip elsewhere, and fail in CI) and the polled way (`TUTORIAL_POLLED_LIMITS=1`), which works
/// everywhere but is not firm: the fixtures hold what they use for seconds, so that a poll sees it.
@Suite struct RunLimitTests {
    static let inCI = ProcessInfo.processInfo.environment["CI"] == "true"

    /// Whether runs can get a memory limit from a cgroup here: the v1 memory hierarchy or a
    /// cgroup2 hierarchy with the memory controller, writable beside the test's own group.
    static let memoryCgroupAvailable: Bool = {
        guard let membership = try? String(contentsOfFile: "/proc/self/cgroup", encoding: .utf8) else { return false }
        for line in membership.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3 else { continue }
            let folder: String
            if parts[1].split(separator: ",").contains("memory") {
                folder = "/sys/fs/cgroup/memory" + parts[2]
            } else if parts[0] == "0" {
                let unified = EscapeAndLimitTests.unifiedMount() ?? "/sys/fs/cgroup"
                folder = unified + parts[2]
                let controllers = (try? String(contentsOfFile: "\(folder)/cgroup.controllers", encoding: .utf8)) ?? ""
                guard controllers.split(separator: " ").contains(where: { $0.hasPrefix("memory") }) else { continue }
            } else {
                continue
            }
            let probe = "\(folder)/tutorial-test-probe-\(getpid())"
            if mkdir(probe, 0o755) == 0 {
                rmdir(probe)
                return true
            }
        }
        return false
    }()

    /// Whether runs can get a tmpfs of their own here: root may make mount namespaces.
    static let privateMountsAvailable: Bool = {
        guard getuid() == 0 else { return false }
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["unshare", "-m", "true"]
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return false }
        probe.waitUntilExit()
        return probe.terminationStatus == 0
    }()

    @Test(.enabled(if: memoryCgroupAvailable || inCI, "no writable memory cgroup here (v1 memory hierarchy or cgroup2 with the memory controller)"))
    func sharedMemoryAndChildProcessesAreHeldToTheMemoryLimitByTheKernel() throws {
        try checkMemoryLimit(polled: false)
    }

    @Test func sharedMemoryAndChildProcessesAreHeldToTheMemoryLimitByPolling() throws {
        try checkMemoryLimit(polled: true)
    }

    @Test(.enabled(if: privateMountsAvailable || inCI, "not root, or no mount namespaces here"))
    func writesPastTheDiskLimitAreStoppedByTheRunsOwnTmpfs() throws {
        try checkDiskLimit(polled: false)
    }

    @Test func writesPastTheDiskLimitAreStoppedByPolling() throws {
        try checkDiskLimit(polled: true)
    }

    /// A chapter that touches 400 MB of shared memory, and one that starts three children of
    /// 150 MB each, under a limit of 256 MB: both are killed and reported, with the way.
    func checkMemoryLimit(polled: Bool) throws {
        let book = try TestSupport.copyFixture("memory-shared")
        let result = try ToolProcess.run(
            ["build", "--memory-limit", "256M", "--timeout", "20"], in: book,
            environment: polled ? ["TUTORIAL_POLLED_LIMITS": "1"] : [:])
        #expect(result.status == 1)
        let way = polled ? "limit held by the tool, summing the Pss of the run's processes" : "limit held by the run's cgroup"
        for (example, line) in [("shared", 5), ("children", 21)] {
            #expect(result.stderr.contains(
                "chapters/01-shared.md:\(line):1: error: the example '\(example)' exceeded the memory limit (256 MiB) in this cell; \(way)"),
                "\(result.stderr)")
        }
        let html = try String(contentsOf: book.appendingPathComponent("site/shared.html"), encoding: .utf8)
        let text = TestSupport.textContent(html)
        #expect(text.components(separatedBy: "exceeded the memory limit (256 MiB) · \(way)").count == 3, "\(text)")
        let outputs = TestSupport.preTexts(html).joined()
        #expect(!outputs.contains("touched 400 MB") && !outputs.contains("the children are done"), "\(outputs)")
        #expect(EscapeAndLimitTests.processes(matching: "HOG_CHILD", substring: true).isEmpty)
    }

    /// Chapters that write 100 MiB into the scratch folder, /tmp, $TMPDIR and a deleted file
    /// under a limit of 64 MiB: each is killed and reported, with the way.
    func checkDiskLimit(polled: Bool) throws {
        let book = try TestSupport.copyFixture("disk-hog")
        // The files this build writes into /tmp have names of their own.
        let prefix = "tutorial-disk-hog-\(UUID().uuidString)-"
        let chapter = book.appendingPathComponent("chapters/01-disk.md")
        try (try String(contentsOf: chapter, encoding: .utf8)).replacingOccurrences(of: "tutorial-disk-hog-", with: prefix)
            .write(to: chapter, atomically: true, encoding: .utf8)
        let result = try ToolProcess.run(
            ["build", "--disk-limit", "64M", "--timeout", "20"], in: book,
            environment: polled ? ["TUTORIAL_POLLED_LIMITS": "1"] : [:])
        #expect(result.status == 1)
        // Polled, the tool sees only the run's own folder (where TMPDIR points): /tmp itself
        // is the tmpfs's alone.
        let stopped = polled ? [("scratch", 5), ("tmpdir", 30), ("unlinked", 41)] : [("scratch", 5), ("tmp", 19), ("tmpdir", 30), ("unlinked", 41)]
        let way = polled ? "limit held by the tool, summing the size of the run's scratch folder" : "limit held by a tmpfs of the run's own"
        for (example, line) in stopped {
            #expect(result.stderr.contains(
                "chapters/01-disk.md:\(line):1: error: the example '\(example)' exceeded the disk limit (64 MiB) in this cell; \(way)"),
                "\(result.stderr)")
        }
        let html = try String(contentsOf: book.appendingPathComponent("site/disk.html"), encoding: .utf8)
        let text = TestSupport.textContent(html)
        #expect(text.components(separatedBy: "exceeded the disk limit (64 MiB) · \(way)").count == stopped.count + 1, "\(text)")
        let left = try FileManager.default.contentsOfDirectory(atPath: "/tmp").filter { $0.hasPrefix(prefix) }
        if polled {
            for name in left { try? FileManager.default.removeItem(atPath: "/tmp/\(name)") }
        } else {
            // What the run wrote into /tmp was in its tmpfs: nothing is left of it.
            #expect(left.isEmpty, "\(left)")
        }
    }

    /// A result is reused only under the same disk limit.
    @Test func anotherDiskLimitRunsTheExamplesAgain() throws {
        let book = try TestSupport.copyFixture("kept-aside")
        func ran(_ limit: String) throws -> [String] {
            let result = try ToolProcess.run(["build", "--disk-limit", limit, "--report", "report.json"], in: book)
            #expect(result.status == 0, "\(result.stderr)")
            let data = try Data(contentsOf: book.appendingPathComponent("report.json"))
            return try JSONDecoder().decode(CacheTests.Report.self, from: data).ran
        }
        #expect(try ran("64M") == ["notebook", "second"])
        #expect(try ran("64M").isEmpty)
        #expect(try ran("128M") == ["notebook", "second"])
    }
}
