import TestSupport
import Foundation
import Testing

/// Programs that fight their reaper: a chain of processes, each in a session of its own, that
/// kills or stops the reaper; leftovers in great numbers or in the program's process group; a
/// scratch folder planted by another user. Nothing may outlive the build, and every leftover is
/// reported.
@Suite struct ReaperEscapeTests {
    static let inCI = ProcessInfo.processInfo.environment["CI"] == "true"
    /// What the program does to its reaper once the chain is whole: kills it, stops it once,
    /// or stops it again and again (every 10 ms, whoever its parent is by then).
    static let signals = ["SIGKILL", "SIGSTOP", "SIGSTOP again"]
    static let cgroupsWritable = EscapeAndLimitTests.cgroupsAreWritable()

    /// Without cgroups: where the tool would make them, it runs in a mount namespace where the
    /// hierarchy is read-only.
    @Test(.enabled(if: !cgroupsWritable || canUnshare || inCI, "making a mount namespace (unshare) needs root"),
          arguments: signals)
    func aChainThatKillsOrStopsItsReaperLeavesNoProcessBehind(signal: String) throws {
        let launcher = Self.cgroupsWritable ? Self.readOnlyCgroups(EscapeAndLimitTests.unifiedMount() ?? "/sys/fs/cgroup") : []
        let marker = "440\(Self.signals.firstIndex(of: signal) ?? 0).25"
        try Self.attack(signal: signal, marker: marker, cgroupRoot: nil, launcher: launcher)
    }

    /// With a cgroup per run, which each link of the chain leaves for the root cgroup.
    @Test(.enabled(if: cgroupsWritable || inCI, "the cgroup2 hierarchy is not writable"), arguments: signals)
    func aChainThatLeavesItsCgroupAndKillsOrStopsItsReaperLeavesNoProcessBehind(signal: String) throws {
        try #require(Self.cgroupsWritable, "the cgroup2 hierarchy is not writable")
        try Self.attack(
            signal: signal, marker: "441\(Self.signals.firstIndex(of: signal) ?? 0).25",
            cgroupRoot: EscapeAndLimitTests.unifiedMount() ?? "/sys/fs/cgroup", launcher: [])
    }

    /// Builds the chapter whose program starts a chain of 30 processes (each in a session of its
    /// own, its descriptors on /dev/null, SIGTERM ignored, the parent of the next; each first
    /// moved to `cgroupRoot`, if given), then sends `signal` to its reaper (see ``signals``);
    /// checks that the build ends, that no link outlives it, and that every one is reported.
    static func attack(signal: String, marker: String, cgroupRoot: String?, launcher: [String]) throws {
        // Whatever happens, the test leaves no link behind.
        defer { killAll(matching: marker) }
        let book = try TestSupport.copyFixture("escape-chain")
        let chapter = book.appendingPathComponent("chapters/01-chain.md")
        var text = try String(contentsOf: chapter, encoding: .utf8).replacingOccurrences(of: "4401.25", with: marker)
        if signal == "SIGSTOP again" {
            text = text.replacingOccurrences(
                of: "kill(getppid(), SIGKILL)\nusleep(500_000)",
                with: "while true {\n    kill(getppid(), SIGSTOP)\n    usleep(10_000)\n}")
        } else {
            text = text.replacingOccurrences(of: "kill(getppid(), SIGKILL)", with: "kill(getppid(), \(signal))")
        }
        if let cgroupRoot { text = text.replacingOccurrences(of: "let cgroupRoot = \"\"", with: "let cgroupRoot = \"\(cgroupRoot)\"") }
        try text.write(to: chapter, atomically: true, encoding: .utf8)

        let hung = LockedData()
        // The time limit is longer than the chain takes to build on a busy machine.
        let result = try ToolProcess.run(["build", "--timeout", "40"], in: book, launcher: launcher) { process in
            // A tool that its program stopped (it may become the program's parent) would wait
            // for ever: after a minute and a half, the test kills it and everything under it.
            let deadline = Date().addingTimeInterval(90)
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
            guard process.isRunning else { return }
            hung.set(Data("hung".utf8))
            killTree(process.processIdentifier)
        }
        #expect(hung.value.isEmpty, "the build did not end within a minute and a half")
        let survivors = EscapeAndLimitTests.processes(matching: marker)
        #expect(survivors.isEmpty, "\(survivors.count) of the chain's 30 processes outlived the build")
        let html = try String(contentsOf: book.appendingPathComponent("site/chain.html"), encoding: .utf8)
        #expect(html.contains("the chain is whole: true"), "\(result.stderr)")
        if signal != "SIGSTOP again" {
            // The program ended: every link outlived it, was killed, and is reported.
            let count = outlivedCount(in: result.stderr)
            #expect((count ?? 0) >= 30, "\(result.stderr)")
            #expect(result.stderr.contains("sleep \(marker)"), "\(result.stderr)")
        }
        // The run is over and proven empty: its record is gone.
        let records = try? FileManager.default.contentsOfDirectory(atPath: book.appendingPathComponent(".tutorial-cache/running").path)
        #expect(records ?? [] == [])
    }

    /// A chain the program leaves behind when it ends: in the run's cgroup (where there is one),
    /// whose kill used to take the links the reaper had not named yet.
    @Test func aChainLeftBehindIsReportedWhole() throws {
        defer { Self.killAll(matching: "4420.25") }
        let book = try TestSupport.copyFixture("escape-chain")
        let chapter = book.appendingPathComponent("chapters/01-chain.md")
        try (try String(contentsOf: chapter, encoding: .utf8))
            .replacingOccurrences(of: "4401.25", with: "4420.25").replacingOccurrences(of: "kill(getppid(), SIGKILL)", with: "kill(getppid(), 0)")
            .write(to: chapter, atomically: true, encoding: .utf8)
        let result = try ToolProcess.run(["build", "--timeout", "20"], in: book)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("30 processes outlived the example and were killed: "), "\(result.stderr)")
        #expect(result.stderr.contains("sleep 4420.25"), "\(result.stderr)")
        #expect(EscapeAndLimitTests.processes(matching: "4420.25").isEmpty)
    }

    @Test func everyLeftoverIsReportedHoweverMany() throws {
        defer { Self.killAll(matching: "300.678"); Self.killAll(matching: "300.789") }
        let book = try TestSupport.copyFixture("leftover-count")
        let result = try ToolProcess.run(["build", "--timeout", "20"], in: book)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("150 processes outlived the example and were killed: "), "\(result.stderr)")
        #expect(EscapeAndLimitTests.processes(matching: "300.678").isEmpty)
    }

    /// The reaper used to kill the program's process group before it named what was left: a
    /// process that died before it was named was not reported.
    @Test func everyLeftoverInTheProgramsProcessGroupIsReported() throws {
        // A marker of its own: the test beside it kills its own sleeps by theirs.
        defer { Self.killAll(matching: "300.791") }
        let book = try TestSupport.copyFixture("leftover-count")
        let chapter = book.appendingPathComponent("chapters/01-leftovers.md")
        try (try String(contentsOf: chapter, encoding: .utf8))
            .replacingOccurrences(of: "0..<100", with: "0..<0").replacingOccurrences(of: "300.789", with: "300.791")
            .write(to: chapter, atomically: true, encoding: .utf8)
        let result = try ToolProcess.run(["build", "--timeout", "20"], in: book)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("50 processes outlived the example and were killed: "), "\(result.stderr)")
        #expect(result.stderr.contains("sleep 300.791"), "\(result.stderr)")
    }

    /// A world-writable folder of another user, planted where the tool used to put its runs
    /// (`tutorial-runs-PID` in the temporary folder), is not used.
    @Test(.enabled(if: getuid() == 0 || inCI, "planting a folder of another user needs root"))
    func aPlantedScratchFolderIsNotUsed() throws {
        try #require(getuid() == 0, "planting a folder of another user needs root")
        let book = try TestSupport.copyFixture("scratch-owner")
        let temporary = try TestSupport.temporaryDirectory("scratch-tmp")
        chmod(temporary.path, 0o1777)
        let planted = LockedData()
        let result = try ToolProcess.run(["build"], in: book, launcher: ["/usr/bin/env", "TMPDIR=\(temporary.path)"]) { process in
            // The compile takes seconds: the folder is there long before the first run.
            let folder = temporary.appendingPathComponent("tutorial-runs-\(process.processIdentifier)").path
            mkdir(folder, 0o777)
            chmod(folder, 0o777)
            chown(folder, 65534, 65534)
            planted.set(Data(folder.utf8))
        }
        #expect(result.status == 0, "\(result.stderr)")
        let folder = String(decoding: planted.value, as: UTF8.self)
        #expect((try? FileManager.default.contentsOfDirectory(atPath: folder)) == [], "the tool wrote into \(folder)")
        let html = try String(contentsOf: book.appendingPathComponent("site/owner.html"), encoding: .utf8)
        let lines = (TestSupport.preTexts(html).first ?? "").split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(lines)")
        guard lines.count == 3 else { return }
        #expect(lines[0].hasPrefix(temporary.path + "/"), "\(lines)")
        #expect(!lines[0].hasPrefix(folder + "/"), "\(lines)")
        // Not a name another user could guess and make first: a random part follows the pid.
        #expect(lines[1] != folder && lines[1].hasPrefix(folder + "."), "\(lines)")
        #expect(lines[2] == "owner 0 mode 700", "\(lines)")
        try? FileManager.default.removeItem(at: temporary)
    }

    /// The number in "N processes outlived the example", if the text says it.
    static func outlivedCount(in text: String) -> Int? {
        guard let range = text.range(of: #"[0-9]+ process(es)? outlived"#, options: .regularExpression) else { return nil }
        return Int(text[range].prefix { $0.isNumber })
    }

    /// Kills `root` and every process under it, the deepest first.
    static func killTree(_ root: pid_t) {
        kill(root, SIGSTOP)
        for child in EscapeAndLimitTests.children(of: root) { killTree(child) }
        kill(root, SIGKILL)
        kill(root, SIGCONT)
    }

    /// Kills every process with an argument equal to `marker`.
    static func killAll(matching marker: String) {
        for _ in 0..<50 {
            let pids = EscapeAndLimitTests.processes(matching: marker).compactMap { pid_t($0) }
            if pids.isEmpty { return }
            for pid in pids { kill(pid, SIGKILL) }
            usleep(20_000)
        }
    }

    /// A launcher that runs the tool in a mount namespace of its own where the cgroup2
    /// hierarchy at `mount` is read-only: the tool then runs its programs without cgroups.
    static func readOnlyCgroups(_ mount: String) -> [String] {
        ["/usr/bin/unshare", "--mount", "--propagation", "private", "/bin/sh", "-c",
         "mount -o remount,bind,ro \"$0\" && exec \"$@\"", mount]
    }

    /// Whether the tests can make a mount namespace (root, and `unshare` installed).
    static let canUnshare: Bool = {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare") else { return false }
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        probe.arguments = ["--mount", "--propagation", "private", "/bin/true"]
        guard (try? probe.run()) != nil else { return false }
        probe.waitUntilExit()
        return probe.terminationStatus == 0
    }()
}
