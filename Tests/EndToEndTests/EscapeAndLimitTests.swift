import TestSupport
import Foundation
import Testing

/// Processes that leave the example's session, programs that allocate or compile without end:
/// each is stopped in time, reported, and leaves no process behind.
@Suite struct EscapeAndLimitTests {
    /// A fixture whose program leaves a `sleep` with a distinctive argument and exits at once.
    struct Escape: CustomTestStringConvertible, Sendable {
        var fixture: String
        var chapter: String
        var sleep: String
        var testDescription: String { fixture }
    }

    static let escapes = [
        Escape(fixture: "escape-spawn", chapter: "spawn", sleep: "300.123"),
        Escape(fixture: "escape-shell", chapter: "shell", sleep: "300.234"),
        Escape(fixture: "escape-process", chapter: "process", sleep: "300.345"),
    ]

    @Test(arguments: escapes)
    func aProcessThatLeftTheSessionIsKilledAtOnceAndReported(_ escape: Escape) throws {
        let book = try TestSupport.copyFixture(escape.fixture)
        // Compiled first, so that the rerun runs the program alone.
        _ = try ToolProcess.run(["build", "--timeout", "2"], in: book)
        #expect(Self.noProcess(matching: escape.sleep))

        let result = try ToolProcess.run(["build", "--timeout", "2", "--rerun"], in: book)
        // At once: the run ended well within its limit (the escaped `sleep` lasts 300 s); how
        // soon is a measurement (TimingBenchmarks), not a test.
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("timed out"), "\(result.stderr)")
        #expect(Self.noProcess(matching: escape.sleep))
        let said = "1 process outlived the example and was killed: "
        #expect(result.stderr.contains("warning: the example '\(escape.chapter)': \(said)"), "\(result.stderr)")
        #expect(result.stderr.contains("sleep \(escape.sleep)"))
        let html = try String(contentsOf: book.appendingPathComponent("site/\(escape.chapter).html"), encoding: .utf8)
        #expect(html.contains(said) && html.contains("sleep \(escape.sleep)"))
    }

    @Test func aProgramThatKillsItsReaperLeavesNoProcessBehind() throws {
        let book = try TestSupport.copyFixture("escape-kill-reaper")
        _ = try ToolProcess.run(["build", "--timeout", "2"], in: book)
        _ = try ToolProcess.run(["build", "--timeout", "2", "--rerun"], in: book)
        #expect(Self.processes(matching: "300.456").isEmpty)
    }

    @Test func aProgramThatStopsItsReaperIsStillKilledAtItsTimeLimit() throws {
        let book = try TestSupport.copyFixture("escape-stop-reaper")
        _ = try ToolProcess.run(["build", "--timeout", "2"], in: book)
        // Stopped at its time limit, not left to run: the build ends and says so.
        let result = try ToolProcess.run(["build", "--timeout", "2", "--rerun"], in: book)
        #expect(result.stderr.contains("chapters/01-stop.md:7:1: error: the example 'stop' timed out"), "\(result.stderr)")
        #expect(Self.processes(matching: "300.567").isEmpty)
    }

    @Test func aSIGKILLedToolLeavesNoExampleRunning() throws {
        let book = try TestSupport.copyFixture("timeout")
        let chapter = book.appendingPathComponent("chapters/01-forever.md")
        try (try String(contentsOf: chapter, encoding: .utf8)).replacingOccurrences(of: "4321.5", with: "4324.125")
            .write(to: chapter, atomically: true, encoding: .utf8)
        _ = try ToolProcess.run(["build", "--timeout", "60"], in: book) { process in
            let deadline = Date().addingTimeInterval(30)
            while Self.processes(matching: "4324.125").isEmpty && Date() < deadline {
                Thread.sleep(forTimeInterval: 0.05)
            }
            kill(process.processIdentifier, SIGKILL)
        }
        // The reaper sees the tool go (its control pipe closes) and kills the example. (The
        // deadline only fails a reaper that never does.)
        let deadline = Date().addingTimeInterval(30)
        while !Self.processes(matching: "4324.125").isEmpty && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(Self.processes(matching: "4324.125").isEmpty)
    }

    @Test func theNextBuildKillsWhatAToolKilledWithItsReapersLeftRunning() throws {
        let book = try TestSupport.copyFixture("timeout")
        let chapter = book.appendingPathComponent("chapters/01-forever.md")
        try (try String(contentsOf: chapter, encoding: .utf8)).replacingOccurrences(of: "4321.5", with: "4326.625")
            .write(to: chapter, atomically: true, encoding: .utf8)
        _ = try ToolProcess.run(["build", "--timeout", "60"], in: book) { process in
            let deadline = Date().addingTimeInterval(30)
            while Self.processes(matching: "4326.625").isEmpty && Date() < deadline {
                Thread.sleep(forTimeInterval: 0.05)
            }
            // The reapers (the tool's children) first, then the tool: nothing is left to kill
            // the example.
            for reaper in Self.children(of: process.processIdentifier) { kill(reaper, SIGKILL) }
            kill(process.processIdentifier, SIGKILL)
        }
        Thread.sleep(forTimeInterval: 0.3)
        #expect(!Self.processes(matching: "4326.625").isEmpty, "the example should have been left running")
        _ = try ToolProcess.run(["build", "--timeout", "1"], in: book)
        #expect(Self.processes(matching: "4326.625").isEmpty)
    }

    /// Where the tool may create cgroups (as it finds out: a writable cgroup2 hierarchy), each run
    /// has one, which every process of the run joins, and which is gone after the run.
    @Test func whereCgroupsAreWritableEachRunHasOne() throws {
        let book = try TestSupport.copyFixture("timeout")
        let chapter = book.appendingPathComponent("chapters/01-forever.md")
        try (try String(contentsOf: chapter, encoding: .utf8)).replacingOccurrences(of: "4321.5", with: "4327.875")
            .write(to: chapter, atomically: true, encoding: .utf8)
        let seen = LockedData()
        _ = try ToolProcess.run(["build", "--timeout", "3"], in: book) { process in
            let deadline = Date().addingTimeInterval(30)
            while Self.processes(matching: "4327.875").isEmpty && Date() < deadline {
                Thread.sleep(forTimeInterval: 0.05)
            }
            let membership = Self.processes(matching: "4327.875").first.flatMap {
                try? String(contentsOfFile: "/proc/\($0)/cgroup", encoding: .utf8)
            }
            seen.set(Data("\(process.processIdentifier)\n\(membership ?? "")".utf8))
        }
        let lines = String(decoding: seen.value, as: UTF8.self).split(separator: "\n")
        let unified = lines.dropFirst().first { $0.hasPrefix("0::") }.map { String($0.dropFirst(3)) }
        guard let unified, unified.contains("/tutorial-") else {
            // No cgroup: the tool must have found the hierarchy read-only or cgroup v1 only.
            #expect(!Self.cgroupsAreWritable(), "the run had no cgroup: \(lines)")
            return
        }
        #expect(unified.contains("/tutorial-\(lines.first ?? "")/run-"))
        #expect(Self.processes(matching: "4327.875").isEmpty)
        let mount = Self.unifiedMount() ?? "/sys/fs/cgroup"
        #expect(!FileManager.default.fileExists(atPath: mount + unified))
    }

    /// Whether a cgroup can be made beside the test's own (the tool's parent is the same).
    static func cgroupsAreWritable() -> Bool {
        guard let mount = unifiedMount(),
              let membership = try? String(contentsOfFile: "/proc/self/cgroup", encoding: .utf8),
              let line = membership.split(separator: "\n").first(where: { $0.hasPrefix("0::") }) else { return false }
        let probe = mount + String(line.dropFirst(3)) + "/tutorial-test-probe-\(getpid())"
        guard mkdir(probe, 0o755) == 0 else { return false }
        rmdir(probe)
        return true
    }

    /// The mount point of the cgroup2 hierarchy, if there is one.
    static func unifiedMount() -> String? {
        let mounts = (try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)) ?? ""
        return mounts.split(separator: "\n").first { $0.contains(" - cgroup2 ") }.map { String($0.split(separator: " ")[4]) }
    }

    @Test func aMemoryHogIsStoppedAtTheLimitAndReportedSo() throws {
        let book = try TestSupport.copyFixture("memory-hog")
        let result = try ToolProcess.run(["build", "--memory-limit", "200M"], in: book)
        #expect(result.status == 1)
        #expect(result.stderr.contains(
            "chapters/01-hog.md:7:1: error: the example 'hog' exceeded the memory limit (200 MiB) in this cell"), "\(result.stderr)")
        #expect(!result.stderr.contains("crashed"))
        let html = try String(contentsOf: book.appendingPathComponent("site/hog.html"), encoding: .utf8)
        #expect(html.contains("exceeded the memory limit (200 MiB)"))
        #expect(!html.contains("killed by SIG"))
        #expect(TestSupport.preTexts(html).first == "allocating without end\n")
    }

    @Test func aCompileThatDoesNotFinishStopsAtTheCompileTimeout() throws {
        let book = try TestSupport.copyFixture("slow-compile")
        let result = try ToolProcess.run(["build", "--compile-timeout", "3"], in: book)
        #expect(result.status == 1)
        #expect(result.stderr.contains(
            "chapters/01-slow.md:5:1: error: the example 'slow' did not compile: the compiler timed out after 3 s"), "\(result.stderr)")
        // The compiler's processes name the book's folder in their arguments.
        #expect(Self.processes(matching: book.path, substring: true).isEmpty)
        let html = try String(contentsOf: book.appendingPathComponent("site/slow.html"), encoding: .utf8)
        #expect(html.contains("the compiler timed out after 3 s"))
        // A timed-out compile is not cached: the next build compiles again.
        let again = try ToolProcess.run(["build", "--compile-timeout", "3"], in: book)
        #expect(again.stderr.contains("the compiler timed out after 3 s"))
    }

    @Test func programsRunInAScratchFolderOutsideTheCache() throws {
        let book = try TestSupport.copyFixture("scratch-folder")
        let result = try ToolProcess.run(["build"], in: book)
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOf: book.appendingPathComponent("site/scratch.html"), encoding: .utf8)
        let folder = TestSupport.preTexts(html).first?.trimmingCharacters(in: .newlines) ?? ""
        #expect(folder.hasPrefix("/"))
        #expect(!folder.hasPrefix(book.path), "\(folder)")
        #expect(!folder.contains(".tutorial-cache"))
        // The folder goes when the run ends.
        #expect(!FileManager.default.fileExists(atPath: folder))
    }

    /// The children of `parent`.
    static func children(of parent: Int32) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { Int32($0) }.filter { pid in
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return false }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 1 && Int32(fields[1]) == parent
        }
    }

    /// The pids of the live processes with an argument equal to `text` (or containing it).
    /// Whether no process matches `text`, or none does any more within a deadline: a process
    /// already sent SIGKILL may take a moment to leave /proc on a busy machine. The deadline only
    /// fails one that stays.
    static func noProcess(matching text: String) -> Bool {
        let deadline = Date().addingTimeInterval(30)
        while !processes(matching: text).isEmpty && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        return processes(matching: text).isEmpty
    }

    static func processes(matching text: String, substring: Bool = false) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.filter { Int($0) != nil }.compactMap { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"), !data.isEmpty,
                  let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  !stat.contains(") Z ") else { return nil }
            let words = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            return words.contains { substring ? $0.contains(text) : $0 == text } ? pid : nil
        }
    }
}
