import Foundation
import Testing
@testable import TutorialExecution

/// What the polled limits measure: the files of a run's folder, deleted files still open in it,
/// and the processes descended from a run's reaper.
@Suite struct RunProcessesTests {
    @Test func theFilesOfAFolderAreSummedAtEveryDepthAndLinksAreNotFollowed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("run-processes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("a/b"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = RunProcesses.allocatedBytes(under: folder.path)
        try Data(repeating: 1, count: 3 << 20).write(to: folder.appendingPathComponent("a/b/deep.data"))
        try Data(repeating: 1, count: 1 << 20).write(to: folder.appendingPathComponent("top.data"))
        // A link to a big folder elsewhere adds nothing.
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("usr").path, withDestinationPath: "/usr")
        let after = RunProcesses.allocatedBytes(under: folder.path)
        #expect(after - before >= 4 << 20)
        #expect(after - before < 5 << 20)
    }

    @Test func aDeletedFileStillOpenCountsForTheProcessThatHoldsIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("run-processes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("gone.data").path
        try Data(repeating: 1, count: 2 << 20).write(to: URL(fileURLWithPath: path))
        let handle = try #require(FileHandle(forReadingAtPath: path))
        defer { try? handle.close() }
        #expect(RunProcesses.unlinkedBytes(of: [getpid()], under: folder.path) == 0)
        unlink(path)
        #expect(RunProcesses.allocatedBytes(under: folder.path) == 0)
        #expect(RunProcesses.unlinkedBytes(of: [getpid()], under: folder.path) >= 2 << 20)
    }

    @Test func aChildAndItsChildAreDescendantsAndTheirMemoryIsSeen() throws {
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "sleep 30 & wait"]
        try shell.run()
        var found: [pid_t] = []
        defer {
            for pid in found + [shell.processIdentifier] { kill(pid, SIGKILL) }
            shell.waitUntilExit()
        }
        for _ in 0..<400 where found.count < 2 {
            found = RunProcesses.descendants(of: getpid()).filter { pid in
                pid == shell.processIdentifier || ProcessSessionParent.of(pid) == shell.processIdentifier
            }
            usleep(10_000)
        }
        #expect(found.contains(shell.processIdentifier))
        #expect(found.count == 2, "\(found)")
        #expect((RunProcesses.pssBytes(of: shell.processIdentifier) ?? 0) > 0)
    }
}

/// The parent of a process, from /proc.
enum ProcessSessionParent {
    static func of(_ pid: pid_t) -> pid_t? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        return fields.count > 1 ? pid_t(fields[1]) : nil
    }
}
