import Foundation

/// Folders named after the process ID of the tool that made them (`tutorial-runs-PID`,
/// `tutorial-PID`), left behind by tools that were killed before they could remove them.
enum GoneToolFolders {
    /// The names in `parent` that start with `prefix`, followed by the ID of a process that no
    /// longer exists (and, optionally, a dot and more).
    static func names(in parent: String, prefix: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []
        return names.filter { name in
            guard name.hasPrefix(prefix), let pid = pid_t(name.dropFirst(prefix.count).prefix { $0 != "." }) else { return false }
            return kill(pid, 0) != 0 && errno == ESRCH
        }
    }
}
