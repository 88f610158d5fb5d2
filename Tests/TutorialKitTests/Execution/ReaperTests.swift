import Foundation
import Testing
@testable import TutorialExecution

/// The pieces that keep a run's processes from outliving it: the count of leftovers, the trees
/// the tool sweeps, a stopped reaper, the scratch folder.
@Suite struct ReaperTests {
    @Test func everyLeftoverIsCountedPastTheLinesKept() {
        var list = LeftoverList()
        for index in 0..<(LeftoverList.kept + 500) { list.append("sleep \(index)") }
        #expect(list.count == LeftoverList.kept + 500)
        #expect(list.lines.count == LeftoverList.kept)
        #expect(list.lines.first == "sleep 0")
        var more = LeftoverList()
        more.append("sleep x")
        more.append(contentsOf: list)
        #expect(more.count == LeftoverList.kept + 501)
        #expect(more.lines.count == LeftoverList.kept)
        #expect(more.lines.first == "sleep x")

        var result = RunResult(cells: [], termination: .exited(0), duration: 1)
        result.outlived = Array(list.lines)
        result.outlivedCount = list.count
        #expect(result.outlivedSummary?.hasPrefix("1500 processes outlived the example and were killed: sleep 0, ") == true)
    }

    /// A shell with two `sleep`s under it, started by the test: the whole tree is found under the
    /// test's process, and none of it once the shell is a stop (a reaper).
    @Test func theSweepFindsWholeTreesButNotUnderAStop() throws {
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "sleep 31.25 & sleep 31.5 & wait"]
        try shell.run()
        let root = shell.processIdentifier
        defer {
            for pid in ReaperTests.children(of: root) { kill(pid, SIGKILL) }
            kill(root, SIGKILL)
            shell.waitUntilExit()
        }
        let deadline = Date().addingTimeInterval(20)
        while Self.children(of: root).count < 2 && Date() < deadline { usleep(10_000) }
        let sleeps = Set(Self.children(of: root))
        #expect(sleeps.count == 2)

        let found = EscapeSweep.descendants(of: getpid(), notUnder: [])
        #expect(found.contains(root))
        #expect(sleeps.isSubset(of: found))
        #expect(!found.contains(getpid()))
        let stopped = EscapeSweep.descendants(of: getpid(), notUnder: [root])
        #expect(!stopped.contains(root))
        #expect(stopped.isDisjoint(with: sleeps))
        #expect(EscapeSweep.descendants(of: root, notUnder: []) == sleeps)
    }

    /// The reaper sleeps on a signalfd while the program runs. Without stdin or a cgroup, the
    /// signalfd once took a number the reaper closes after it starts the program, and it spun on a
    /// core for the whole run (a 4-thread chapter then took 30 s on 2 cores).
    @Test func theReaperWaitsOnASignalfdItKeeps() throws {
        let reaper = try Self.reapedSleep("32.625")
        defer {
            reaper.killEverything()
            reaper.finish(within: 5)
        }
        let deadline = Date().addingTimeInterval(20)
        while Self.children(of: reaper.pid).isEmpty && Date() < deadline { usleep(5_000) }
        #expect(!Self.children(of: reaper.pid).isEmpty)
        // The program is started; the reaper then closed the slots it does not use.
        usleep(50_000)
        let folder = "/proc/\(reaper.pid)/fd"
        let targets = (try? FileManager.default.contentsOfDirectory(atPath: folder))?.compactMap {
            try? FileManager.default.destinationOfSymbolicLink(atPath: folder + "/" + $0)
        } ?? []
        #expect(targets.contains("anon_inode:[signalfd]"), "the reaper's descriptors: \(targets)")
    }

    @Test func aStoppedReaperIsResumed() throws {
        let reaper = try Self.reapedSleep("32.75")
        defer {
            kill(reaper.pid, SIGCONT)
            reaper.killEverything()
            reaper.finish(within: 5)
        }
        kill(reaper.pid, SIGSTOP)
        let deadline = Date().addingTimeInterval(20)
        while Self.state(of: reaper.pid) != "T" && Date() < deadline { usleep(5_000) }
        #expect(Self.state(of: reaper.pid) == "T")
        reaper.resumeIfStopped()
        while Self.state(of: reaper.pid) == "T" && Date() < deadline { usleep(5_000) }
        // Resumed, not killed: a reaper stopped once goes on with its work.
        let state = Self.state(of: reaper.pid)
        #expect(state == "S" || state == "R" || state == "D", "state \(state ?? "gone")")
    }

    /// The test process is no subreaper: once the program kills its reaper, its orphans go where
    /// the tool cannot see them, and the run is not proven empty. Its record stays, for the next
    /// build (which kills what it can find by it).
    @Test func aRunNotProvenEmptyKeepsItsRecord() async throws {
        let folder = try TestFolder()
        defer {
            for pid in Self.processes(withArgument: "33.5") { kill(pid, SIGKILL) }
            folder.remove()
        }
        var runner = ProcessRunner(timeout: 120)
        runner.recordFolder = folder.path + "/running"
        // It kills its reaper once the run is recorded (however late a test process whose threads
        // other tests hold gets to that), and within 60 s in any case.
        let script = "setsid sleep 33.5 </dev/null >/dev/null 2>&1 & n=0; "
            + "while [ -z \"$(ls '\(folder.path)/running' 2>/dev/null)\" ] && [ $n -lt 1200 ]; do sleep 0.05; n=$((n+1)); done; echo $n > '\(folder.path)/waited'; "
            + "kill -9 $PPID; sleep 0.3"
        let outcome = await runner.run("/bin/sh", arguments: ["-c", script]) { _, _, _ in }
        #expect(outcome.termination != .timedOut(seconds: 120))
        let records = (try? FileManager.default.contentsOfDirectory(atPath: folder.path + "/running")) ?? []
        let waited = (try? String(contentsOfFile: folder.path + "/waited", encoding: .utf8)) ?? "?"
        #expect(records.count == 1, "\(records), \(outcome), the program waited \(waited) times 50 ms for its record")

        // A run whose reaper finishes is proven empty: its record goes.
        let again = try TestFolder()
        defer { again.remove() }
        runner.recordFolder = again.path + "/running"
        _ = await runner.run("/bin/sh", arguments: ["-c", "sleep 0.2"]) { _, _, _ in }
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: again.path + "/running")) ?? []).isEmpty)
    }

    @Test func theScratchFolderIsTheToolsOwnAndNewForEachRun() throws {
        let first = try ScratchFolder.makeRunFolder(named: "example")
        let second = try ScratchFolder.makeRunFolder(named: "example")
        defer {
            ScratchFolder.removeRunFolder(first)
            ScratchFolder.removeRunFolder(second)
        }
        #expect(first != second)
        let parent = URL(fileURLWithPath: first).deletingLastPathComponent().path
        #expect(URL(fileURLWithPath: second).deletingLastPathComponent().path == parent)
        let name = URL(fileURLWithPath: parent).lastPathComponent
        #expect(name.hasPrefix("tutorial-runs-\(getpid())."))
        #expect(name.count == "tutorial-runs-\(getpid()).XXXXXX".count)
        #expect(ScratchFolder.isOwn(parent))
        #expect(ScratchFolder.isOwn(first))
    }

    @Test func aFolderOthersMayWriteOrALinkIsNotTheTools() throws {
        let folder = try TestFolder()
        defer { folder.remove() }
        let path = folder.path + "/runs"
        #expect(mkdir(path, 0o700) == 0)
        #expect(ScratchFolder.isOwn(path))
        chmod(path, 0o777)
        #expect(!ScratchFolder.isOwn(path))
        chmod(path, 0o700)
        symlink(path, folder.path + "/link")
        #expect(!ScratchFolder.isOwn(folder.path + "/link"))
        if geteuid() == 0 {
            chown(path, 65534, 65534)
            #expect(!ScratchFolder.isOwn(path))
        }
        #expect(!ScratchFolder.isOwn(folder.path + "/missing"))
    }

    /// A temporary folder for one test.
    struct TestFolder {
        let path: String
        init() throws {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("tutorial-reaper-tests-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        func remove() { try? FileManager.default.removeItem(atPath: path) }
    }

    /// The state letter of a process ("S", "T", ...), or nil when it is gone.
    /// A `sleep` of `seconds` under a reaper of its own, its output thrown away.
    static func reapedSleep(_ seconds: String) throws -> Reaper {
        let out = open("/dev/null", O_WRONLY | O_CLOEXEC)
        let err = open("/dev/null", O_WRONLY | O_CLOEXEC)
        defer {
            close(out)
            close(err)
        }
        return try Reaper.spawn(
            "/bin/sleep", arguments: [seconds], environment: [:], directory: nil, stdout: out, stderr: err, memoryLimit: nil).get()
    }

    static func state(of pid: pid_t) -> String? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        return stat[stat.index(after: close)...].split(separator: " ").first.map(String.init)
    }

    /// The live processes with an argument equal to `text`.
    static func processes(withArgument text: String) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { pid_t($0) }.filter { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"), state(of: pid) != "Z" else { return false }
            return data.split(separator: 0).contains { String(decoding: $0, as: UTF8.self) == text }
        }
    }

    /// The live children of `parent`.
    static func children(of parent: pid_t) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { pid_t($0) }.filter { pid in
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return false }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 1 && fields[0] != "Z" && pid_t(fields[1]) == parent
        }
    }
}
