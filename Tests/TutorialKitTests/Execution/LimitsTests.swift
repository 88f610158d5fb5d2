import Testing
@testable import TutorialExecution

/// Memory sizes, the memory-limit verdict, and the wording of processes that outlived a run.
@Suite struct LimitsTests {
    @Test func memorySizesParseWithOrWithoutAUnit() {
        #expect(MemorySize(parsing: "2G")?.bytes == 2 << 30)
        #expect(MemorySize(parsing: "200M")?.bytes == 200 << 20)
        #expect(MemorySize(parsing: "512MiB")?.bytes == 512 << 20)
        #expect(MemorySize(parsing: "64kb")?.bytes == 64 << 10)
        #expect(MemorySize(parsing: "1048576")?.bytes == 1_048_576)
        #expect(MemorySize(parsing: "0")?.bytes == 0)
        #expect(MemorySize(parsing: "lots") == nil)
        #expect(MemorySize(parsing: "2X") == nil)
        #expect(MemorySize(parsing: "") == nil)
        #expect(MemorySize(bytes: 2 << 30).description == "2 GiB")
        #expect(MemorySize(bytes: 200 << 20).description == "200 MiB")
        #expect(MemorySize(bytes: 1536 << 20).description == "1.5 GiB")
        #expect(Termination.exceededMemoryLimit(bytes: 2 << 30).summary == "exceeded the memory limit (2 GiB)")
        #expect(Termination.exceededDiskLimit(bytes: 1 << 30, by: .tmpfs).summary == "exceeded the disk limit (1 GiB)")
        #expect(Termination.exceededMemoryLimit(bytes: 2 << 30, by: .cgroup).enforcementNote == "limit held by the run's cgroup (memory.max)")
    }

    /// A size must be a whole number of bytes: "0.5" or "0.0001K" would round to 0, no limit.
    @Test func sizesThatAreNotWholeBytesAreRefused() {
        #expect(MemorySize(parsing: "1.5G")?.bytes == 1536 << 20)
        #expect(MemorySize(parsing: "0.5K")?.bytes == 512)
        #expect(MemorySize(parsing: "0.5") == nil)
        #expect(MemorySize(parsing: "0.0001K") == nil)
        #expect(MemorySize(parsing: "-1") == nil)
        #expect(MemorySize(parsing: "1.2.3") == nil)
        #expect(MemorySize(parsing: "99999999999T") == nil)
        #expect((try? MemorySize.limit("0", option: "--disk-limit"))?.bytes == 0)
        #expect((try? MemorySize.limit("1M", option: "--disk-limit"))?.bytes == 1 << 20)
        #expect(throws: LimitOptionError.self) { try MemorySize.limit("1023K", option: "--disk-limit") }
    }

    @Test func aDeathIsPutDownToTheLimitOnlyWithEvidence() {
        let limit = 200 << 20
        let failure = CellOutput(lines: [OutputLine(stream: .stderr, text: "Fatal error: failed to allocate 10000032 bytes of memory with alignment 8", time: 1)])
        let other = CellOutput(lines: [OutputLine(stream: .stderr, text: "Fatal error: Index out of range", time: 1)])
        let printed = CellOutput(lines: [OutputLine(stream: .stdout, text: "failed to allocate", time: 1)])
        let crash = ProcessOutcome(termination: .signaled(6), duration: 1, peakMemoryKiB: 10_000)
        #expect(MemoryLimitDeath.isLikely(crash, limit: limit, cells: [failure]))
        #expect(!MemoryLimitDeath.isLikely(crash, limit: limit, cells: [other]))
        #expect(!MemoryLimitDeath.isLikely(crash, limit: limit, cells: [printed]))
        let big = ProcessOutcome(termination: .signaled(11), duration: 1, peakMemoryKiB: 195 * 1024)
        #expect(MemoryLimitDeath.isLikely(big, limit: limit, cells: [other]))
        let exited = ProcessOutcome(termination: .exited(1), duration: 1, peakMemoryKiB: 199 * 1024)
        #expect(!MemoryLimitDeath.isLikely(exited, limit: limit, cells: [failure]))
        var oom = ProcessOutcome(termination: .signaled(9), duration: 1)
        oom.hitMemoryLimit = true
        #expect(MemoryLimitDeath.isLikely(oom, limit: limit, cells: []))
    }

    @Test func outlivedProcessesAreCountedAndNamed() {
        var result = RunResult(cells: [], termination: .exited(0), duration: 1)
        #expect(result.outlivedSummary == nil)
        result.outlived = ["sleep 300"]
        #expect(result.outlivedSummary == "1 process outlived the example and was killed: sleep 300")
        result.outlived = ["sleep 1", "sleep 2"]
        #expect(result.outlivedSummary == "2 processes outlived the example and were killed: sleep 1, sleep 2")
        result.outlived = (1...7).map { "sleep \($0)" }
        #expect(result.outlivedSummary?.hasSuffix("sleep 5, ...") == true)
    }
}
