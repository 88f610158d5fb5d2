@testable import TutorialExecution
@testable import TutorialModel
import Testing

/// Which compile failures the cache keeps: decided by the failure's type, not by the log's text.
@Suite struct CompileFailureTests {
    @Test func anErrorInTheSourcesIsTheCodesFailure() {
        let log = "chapters/01-a.md:4:9: error: cannot find 'x' in scope\n    print(x)\n          ^\n"
        let failure = CompileFailure.classify(.exited(1), log: log)
        #expect(failure == .code)
        #expect(failure?.isCacheable == true)
    }

    @Test func anErrorWithoutAPlaceIsTheEnvironments() {
        let failure = CompileFailure.classify(.exited(1), log: "error: couldNotFindTmpDir(\"/missing\")\n")
        guard case .environment = failure else {
            Issue.record("expected an environment failure, got \(String(describing: failure))")
            return
        }
        #expect(failure?.isCacheable == false)
    }

    @Test func aCompilerThatCannotStartOrTimesOutIsNeverKept() {
        #expect(CompileFailure.classify(.failedToStart("swiftc: not found"), log: "")?.isCacheable == false)
        #expect(CompileFailure.classify(.timedOut(seconds: 120), log: "")?.isCacheable == false)
        #expect(CompileFailure.classify(.exited(0), log: "") == nil)
    }

    @Test func aRecordWithAnEnvironmentFailureIsNotWorthKeeping() {
        let failed = CompileOutcome(succeeded: false, log: "error: couldNotFindTmpDir\n", failure: .environment(reason: "no tmp"), duration: 0)
        let code = CompileOutcome(succeeded: false, log: "a.md:1:1: error: x\n", failure: .code, duration: 0)
        #expect(!CompileRecord(compile: failed, typeChecks: [:], program: "/none", cellLines: []).isWorthKeeping)
        #expect(CompileRecord(compile: code, typeChecks: [:], program: "/none", cellLines: []).isWorthKeeping)
        #expect(!CompileRecord(compile: code, typeChecks: [3: failed], program: "/none", cellLines: []).isWorthKeeping)
    }
}
