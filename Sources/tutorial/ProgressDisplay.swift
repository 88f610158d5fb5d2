import Foundation
import TutorialKit

/// Shows a build's progress on stderr: a line per finished example and, on a terminal, one live
/// line saying what compiles and runs now. Quiet, it prints only the examples that failed.
final class ProgressDisplay: @unchecked Sendable {
    private let lock = NSLock()
    private let quiet: Bool
    private let live: Bool
    private let width: Int
    private var active: [(name: String, phase: String)] = []
    private var done = 0
    private var total = 0

    init(quiet: Bool, names: [String]) {
        self.quiet = quiet
        self.live = !quiet && isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
        self.width = names.map(\.count).max() ?? 0
        self.total = names.count
    }

    func handle(_ event: BuildEvent) {
        lock.lock()
        defer { lock.unlock() }
        switch event {
        case .compiling(let name):
            active.removeAll { $0.name == name }
            active.append((name, "compiling"))
        case .running(let name):
            active.removeAll { $0.name == name }
            active.append((name, "running"))
        case .paused(let name):
            active.removeAll { $0.name == name }
        case .finished(let verdict, let position, let total):
            active.removeAll { $0.name == verdict.example.name }
            done = position
            self.total = total
            if !quiet || !verdict.succeeded {
                clearLine()
                Terminal.error(BuildSummary.line(verdict, position: position, total: total, width: width))
            }
        }
        drawLiveLine()
    }

    /// Removes the live line before the final messages.
    func finish() {
        lock.lock()
        clearLine()
        lock.unlock()
    }

    private func clearLine() {
        if live { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    private func drawLiveLine() {
        guard live, !active.isEmpty else { return }
        let compiling = active.filter { $0.phase == "compiling" }.map(\.name)
        let running = active.filter { $0.phase == "running" }.map(\.name)
        var parts: [String] = []
        if !compiling.isEmpty { parts.append("compiling " + compiling.joined(separator: ", ")) }
        if !running.isEmpty { parts.append("running " + running.joined(separator: ", ")) }
        var line = "[\(done)/\(total)] " + parts.joined(separator: "; ")
        if line.count > 100 { line = String(line.prefix(99)) + "…" }
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
    }
}
