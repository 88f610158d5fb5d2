@testable import TutorialExecution
import Testing

/// A run that fills its own tmpfs and ends before the tool has looked at it is still past its
/// disk limit: the reaper says what the tmpfs held at the end.
@Suite struct FinalDiskCheckTests {
    @Test func theReapersLastWordOnTheTmpfsDecidesARunTheToolNeverSaw() {
        var report = ReaperReport()
        report.apply("disk-used 104857600")
        #expect(report.diskUsed == 104_857_600)
        let limit = 64 << 20
        let watch = LimitWatch(memoryLimit: nil, memory: .none, diskLimit: limit, disk: .tmpfs(runFolder: "/nonexistent"))
        #expect(watch.finalCheck(diskUsed: report.diskUsed) == .exceededDiskLimit(bytes: limit, by: .tmpfs))
        #expect(watch.finalCheck(diskUsed: limit - 1) == nil)
        #expect(watch.finalCheck(diskUsed: nil) == nil)
        // Without a limit, or held another way, the number says nothing.
        let unlimited = LimitWatch(memoryLimit: nil, memory: .none, diskLimit: nil, disk: .tmpfs(runFolder: "/nonexistent"))
        #expect(unlimited.finalCheck(diskUsed: 1 << 40) == nil)
    }
}
