import Foundation
import Testing
@testable import TutorialExecution

/// A running record is only a file in the cache, which a program may forge: it can name the
/// pipes of a run, never a file that other processes hold, nor init or the tool.
@Suite struct RunningRecordsTests {
    func sleeper(_ arguments: [String], stdin: FileHandle? = nil) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sleep")
        process.arguments = arguments
        if let stdin { process.standardInput = stdin }
        try process.run()
        return process
    }

    @Test func aForgedRecordKillsNothingButARunsPipes() throws {
        let folder = NSTemporaryDirectory() + "records-\(UUID())"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let victimFile = "\(folder)/victim"
        FileManager.default.createFile(atPath: victimFile, contents: Data())
        let victim = try sleeper(["31.7"], stdin: FileHandle(forReadingAtPath: victimFile))
        let pipe = Pipe()
        let runLeftover = try sleeper(["31.8"], stdin: pipe.fileHandleForReading)
        defer { for process in [victim, runLeftover] where process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        let inode = try #require(try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(runLeftover.processIdentifier)/fd/0"))
        let initStarted = try #require(RunningRecords.startTime(of: 1))
        // A dead tool (pid 99999 with a start time no process has) "left" init's session, a
        // file's holders and a pipe.
        try "99999 5 \(initStarted) \(victimFile) /dev/null \(inode)\n".write(toFile: "\(folder)/1", atomically: true, encoding: .utf8)
        let killed = RunningRecords.killLeftovers(in: folder)
        runLeftover.waitUntilExit()
        #expect(victim.isRunning, "a process holding a file the record named was killed")
        #expect(killed.count == 1 && killed.first?.contains("31.8") == true, "\(killed)")
        #expect(RunningRecords.pipeOrSocket("pipe:[12]") == "pipe:[12]" && RunningRecords.pipeOrSocket("12") == "pipe:[12]")
        #expect(RunningRecords.pipeOrSocket("/dev/null") == nil && RunningRecords.pipeOrSocket("anon_inode:[eventpoll]") == nil)
        #expect(RunningRecords.protected().isSuperset(of: [1, getpid(), getppid()]))
    }
}
