import Foundation
import Synchronization
import TutorialBuild

/// Shows a build's progress on stderr: a line per finished example and, on a terminal, one live
/// line saying what compiles and runs now. Quiet, it prints only the examples that failed.
final class ProgressDisplay: Sendable {
    /// What the display knows, changed by events that arrive from any thread.
    private struct State {
        var active: [(name: String, phase: String)] = []
        var done = 0
        var total = 0
    }

    private let state: Mutex<State>
    private let quiet: Bool
    private let live: Bool
    private let width: Int

    init(quiet: Bool, names: [String]) {
        self.quiet = quiet
        self.live = !quiet && isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
        self.width = names.map(\.count).max() ?? 0
        self.state = Mutex(State(total: names.count))
    }

    func handle(_ event: BuildEvent) {
        state.withLock { state in
            switch event {
            case .compiling(let name):
                state.active.removeAll { $0.name == name }
                state.active.append((name, "compiling"))
            case .running(let name):
                state.active.removeAll { $0.name == name }
                state.active.append((name, "running"))
            case .paused(let name):
                state.active.removeAll { $0.name == name }
            case .finished(let verdict, let position, let total):
                state.active.removeAll { $0.name == verdict.example.name }
                state.done = position
                state.total = total
                if !quiet || !verdict.succeeded {
                    clearLine()
                    Terminal.say(BuildSummary.line(verdict, position: position, total: total, width: width))
                }
            case .buildingDependencies(let flavour):
                state.active.append(("dependencies (\(flavour))", "building"))
            case .builtDependencies(let build):
                state.active.removeAll { $0.phase == "building" }
                if !quiet && build.failure == nil && !build.cached {
                    clearLine()
                    Terminal.say(DependencyStep.summary([build]) ?? "")
                }
            }
            drawLiveLine(state)
        }
    }

    /// Removes the live line before the final messages.
    func finish() {
        state.withLock { _ in clearLine() }
    }

    private func clearLine() {
        if live { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    private func drawLiveLine(_ state: State) {
        guard live, !state.active.isEmpty else { return }
        let compiling = state.active.filter { $0.phase == "compiling" }.map(\.name)
        let running = state.active.filter { $0.phase == "running" }.map(\.name)
        var parts: [String] = state.active.filter { $0.phase == "building" }.map { "building \($0.name)" }
        if !compiling.isEmpty { parts.append("compiling " + compiling.joined(separator: ", ")) }
        if !running.isEmpty { parts.append("running " + running.joined(separator: ", ")) }
        var line = "[\(state.done)/\(state.total)] " + parts.joined(separator: "; ")
        if line.count > 100 { line = String(line.prefix(99)) + "…" }
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
    }
}
