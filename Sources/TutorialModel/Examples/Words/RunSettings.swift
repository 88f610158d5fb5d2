/// How an example's program runs, as its cells' words set it (``CellWord/configure(_:uses:)``).
package struct RunSettings: Hashable, Sendable {
    /// The bytes the program reads from its standard input; nil for none (`/dev/null`).
    package var standardInput: [UInt8]?
    /// Environment variables the program gets besides the tool's own.
    package var environment: [String: String] = [:]
    /// Seconds each cell may run, by cell index, from its start.
    package var cellTimeouts: [Int: Double] = [:]
    /// False to run without `RLIMIT_DATA` (see ``ProcessRunner/perProcessDataLimit``).
    package var perProcessDataLimit = true
    /// Parts of command lines of helper processes the run may leave alive that are not the
    /// example's own (ThreadSanitizer's symbolizer): they are not reported as having outlived it.
    package var helperCommands: [String] = []
}
