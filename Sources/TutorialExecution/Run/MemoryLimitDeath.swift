/// Tells a program that died at its memory limit from one that crashed for another reason.
///
/// Where the run has a cgroup with a memory controller, the limit is its `memory.max`, and the
/// kernel's OOM killer sends SIGKILL. Otherwise it is RLIMIT_DATA (not RLIMIT_AS, which breaks ThreadSanitizer's huge shadow
/// mappings): past it, `malloc` and `mmap` fail, and the Swift runtime stops the program with
/// "Fatal error: failed to allocate N bytes" (SIGABRT), or C code that does not check dereferences
/// a null pointer (SIGSEGV).
enum MemoryLimitDeath {
    /// Whether `outcome`, a run under a limit of `limit` bytes, ended because of it: killed by a
    /// signal with its cgroup reporting an OOM kill, or an allocation failure on its stderr, or
    /// its peak memory near the limit.
    static func isLikely(_ outcome: ProcessOutcome, limit: Int, cells: [CellOutput]) -> Bool {
        guard case .signaled = outcome.termination else { return false }
        if outcome.hitMemoryLimit { return true }
        if let peak = outcome.peakMemoryKiB, Double(peak) * 1024 >= 0.9 * Double(limit) { return true }
        let markers = ["failed to allocate", "Could not allocate memory", "std::bad_alloc"]
        return cells.contains { cell in
            cell.lines.suffix(20).contains { line in
                line.stream == .stderr && markers.contains { line.text.contains($0) }
            }
        }
    }
}
