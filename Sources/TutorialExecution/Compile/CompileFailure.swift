/// Why a compile failed: the cache keeps the failure only when the example's code caused it.
package enum CompileFailure: Hashable, Sendable, Codable {
    /// The compiler reported an error located in the program's sources: the same code fails
    /// again, so the failure is cached.
    case code
    /// The compiler could not start, could not work (no temporary folder, disk full…) or failed
    /// without pointing into the sources: the next build compiles again.
    case environment(reason: String)
    /// The compile took longer than `--compile-timeout` seconds and was killed.
    case timeout(seconds: Double)

    /// Whether a record of this failure may be reused by later builds.
    package var isCacheable: Bool {
        if case .code = self { return true }
        return false
    }

    /// The failure of a compile that ended as `termination`, having printed `log`.
    static func classify(_ termination: Termination, log: String) -> CompileFailure? {
        switch termination {
        case .failedToStart(let reason): return .environment(reason: reason)
        case .timedOut(let seconds): return .timeout(seconds: seconds)
        default:
            if termination.succeeded { return nil }
            let located = log.split(separator: "\n").contains { line in
                guard let diagnostic = CompilerLog.parseHeader(line) else { return false }
                return diagnostic.severity == .error && diagnostic.line != nil
            }
            return located ? .code : .environment(reason: "swiftc \(termination.summary) without an error in the sources")
        }
    }
}
