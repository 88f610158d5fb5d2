import Foundation
import Synchronization
import Testing
@testable import TutorialServe

/// The notebook's admission: a place is taken and the limit checked in one step, and a place
/// comes back however its request ends. The guard takes the token from its header only.
@Suite struct RunAdmissionTests {
    @Test func simultaneousRequestsNeverTakeMoreThanTheLimit() {
        let admission = RunAdmission(limit: 8)
        let tickets = Mutex<[RunAdmission.Ticket]>([])
        let refused = Atomic(0)
        let go = DispatchSemaphore(value: 0)
        let group = DispatchGroup()
        for _ in 0..<40 {
            group.enter()
            Thread {
                go.wait()
                if let ticket = admission.enter() { tickets.withLock { $0.append(ticket) } } else { refused.add(1, ordering: .relaxed) }
                group.leave()
            }.start()
        }
        for _ in 0..<40 { go.signal() }
        group.wait()
        #expect(tickets.withLock { $0.count } == 8)
        #expect(refused.load(ordering: .relaxed) == 32)
        #expect(admission.count == 8)
        // Leaving twice gives back one place; a dropped ticket gives back its own.
        tickets.withLock { $0[0].leave(); $0[0].leave() }
        #expect(admission.count == 7)
        _ = tickets.withLock { $0.removeLast() }
        #expect(admission.count == 6)
        tickets.withLock { $0.removeAll() }
        #expect(admission.count == 0)
        #expect(admission.enter() != nil)
    }

    @Test func theGuardTakesTheTokenFromItsHeaderOnly() {
        let guardian = NotebookGuard(port: 4000)
        let host = "127.0.0.1:4000", origin = "http://127.0.0.1:4000"
        #expect(guardian.address == "http://127.0.0.1:4000/#token=\(guardian.token)")
        #expect(guardian.refusal(method: "POST", host: host, origin: origin, token: guardian.token, contentLength: "10") == nil)
        for token in [nil, "", String(guardian.token.dropLast()), guardian.token + "0", NotebookGuard.newToken()] {
            #expect(guardian.refusal(method: "POST", host: host, origin: origin, token: token, contentLength: "10")?.status == 403)
        }
        #expect(NotebookGuard.headerName == "x-tutorial-token")
    }
}
