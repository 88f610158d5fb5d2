/// The way a run's memory or disk limit was held, which the page and the diagnostic name when a
/// run is stopped at one.
public enum LimitEnforcement: String, Codable, Hashable, Sendable, CustomStringConvertible {
    /// Memory: the run's cgroup v2 `memory.max`, kernel-enforced for every process of the run.
    case cgroup
    /// Memory: the run's cgroup v1 memory controller (`memory.limit_in_bytes`).
    case cgroupV1
    /// Memory: the tool sums the `Pss` of the run's processes and kills the run past the limit.
    case polledMemory
    /// Memory: `RLIMIT_DATA`, per process (a program crashed when an allocation failed).
    case dataLimit
    /// Disk: the run's scratch and temporary folders are one tmpfs of that size, in a mount
    /// namespace of the run's own.
    case tmpfs
    /// Disk: the tool sums the sizes of the files in the run's folder and kills the run past the limit.
    case polledDisk

    public var description: String {
        switch self {
        case .cgroup: "the run's cgroup (memory.max)"
        case .cgroupV1: "the run's cgroup (memory.limit_in_bytes)"
        case .polledMemory: "the tool, summing the Pss of the run's processes"
        case .dataLimit: "RLIMIT_DATA, per process"
        case .tmpfs: "a tmpfs of the run's own for its scratch and temporary folders"
        case .polledDisk: "the tool, summing the size of the run's scratch folder"
        }
    }
}
