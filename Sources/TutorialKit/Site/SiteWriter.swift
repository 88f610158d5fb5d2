import Foundation

/// Writes a site into its output folder all at once: the files go to a temporary folder beside
/// it, which then takes the output folder's place, so a reader never sees half a site.
public struct SiteWriter: Sendable {
    public var output: String

    public init(output: String) {
        self.output = output.hasSuffix("/") && output.count > 1 ? String(output.dropLast()) : output
    }

    /// Writes `files` (relative path to contents) as the new site.
    public func write(_ files: [String: Data]) throws(DiagnosticsError) {
        let manager = FileManager.default
        let url = URL(fileURLWithPath: output).standardizedFileURL
        let parent = url.deletingLastPathComponent()
        let name = url.lastPathComponent
        let staging = parent.appendingPathComponent(".\(name).new-\(getpid())")
        let retired = parent.appendingPathComponent(".\(name).old-\(getpid())")
        ChildProcesses.shared.onInterrupt { try? FileManager.default.removeItem(at: staging) }
        do {
            try manager.createDirectory(at: parent, withIntermediateDirectories: true)
            try? manager.removeItem(at: staging)
            try manager.createDirectory(at: staging, withIntermediateDirectories: true)
            for (path, contents) in files.sorted(by: { $0.key < $1.key }) {
                let file = staging.appendingPathComponent(path)
                try manager.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try contents.write(to: file)
            }
        } catch {
            try? manager.removeItem(at: staging)
            throw DiagnosticsError([Diagnostic(file: output, message: "cannot write the site: \(BookLoader.reason(error))")])
        }
        // Swap: the old site moves aside, the new one takes its name, the old one goes.
        let hadOld = manager.fileExists(atPath: url.path)
        if hadOld && rename(url.path, retired.path) != 0 {
            try? manager.removeItem(at: staging)
            throw DiagnosticsError([Diagnostic(file: output, message: "cannot replace the old site: \(String(cString: strerror(errno)))")])
        }
        if rename(staging.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            if hadOld { _ = rename(retired.path, url.path) }
            try? manager.removeItem(at: staging)
            throw DiagnosticsError([Diagnostic(file: output, message: "cannot move the new site into place: \(reason)")])
        }
        if hadOld { try? manager.removeItem(at: retired) }
    }
}
