import Foundation
import Testing
@testable import TutorialExecution

/// `/proc/PID/stat`, whose command name may hold spaces and parentheses.
@Suite struct ProcStatTests {
    @Test func fieldsAreCountedFromTheNamesLastParenthesis() throws {
        let text = "4242 (a (b) c) S 17 4242 4240 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 10000 200"
        let stat = try #require(ProcStat(pid: 4242, text: text))
        #expect(stat.state == "S" && stat.parent == 17 && stat.session == 4240 && stat.startTime == 987654)
        #expect(stat.isLive)
        #expect(ProcStat(pid: 1, text: "1 (init) Z 0 1 1")?.isLive == false)
        #expect(ProcStat(pid: 1, text: "garbage") == nil)
    }

    @Test func thisProcessIsLiveAndItsParentIsKnown() throws {
        let me = try #require(ProcStat(pid: getpid()))
        #expect(me.parent == getppid())
        #expect(ProcStat.live().contains { $0.pid == getpid() })
        #expect(ProcStat.parents()[getpid()] == getppid())
    }
}
