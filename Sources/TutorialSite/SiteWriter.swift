import CSupport
import Foundation
import SystemPackage
import TutorialExecution
import TutorialModel
import TutorialSupport

/// Writes a site into its output folder all at once: the files go to a temporary folder beside
/// it, which then takes the output folder's place, so a reader never sees half a site. The old
/// folder is replaced only if it is empty or a site the tool wrote, unchanged (its marker lists
/// every file in it with its hash): a file of the user's is never removed.
package struct SiteWriter: Sendable {
    var output: String
    /// Called when the new site is ready, just before the swap (tests use it to play a user who
    /// saves a file into the site at that moment).
    var beforeSwap: @Sendable () -> Void = {}

    package init(output: String) {
        self.output = output.hasSuffix("/") && output.count > 1 ? String(output.dropLast()) : output
    }

    /// Writes `files` (relative path to contents) as the new site.
    package func write(_ files: [String: Data]) throws(DiagnosticsError) {
        let marker = OwnedFolder.Kind.site.markerName
        // The marker is the tool's: a theme file of that name does not replace it.
        let files = files.filter { $0.key != marker }
        let manager = FileManager.default
        let url = URL(fileURLWithPath: ResolvedPath.of(output))
        try OwnedFolder.checkReplaceable(url.path, kind: .site, shownAs: output)
        let parent = url.deletingLastPathComponent()
        let name = url.lastPathComponent
        let staging = parent.appendingPathComponent(".\(name).new-\(getpid())")
        let retired = parent.appendingPathComponent(".\(name).old-\(getpid())")
        let cleanup = ChildProcesses.shared.onInterrupt { try? FileManager.default.removeItem(at: staging) }
        defer { ChildProcesses.shared.cancelInterruptWork(cleanup) }
        do {
            try manager.createDirectory(at: parent, withIntermediateDirectories: true)
            try? manager.removeItem(at: staging)
            try manager.createDirectory(at: staging, withIntermediateDirectories: true)
            // Opened first: the flush then also reports a failed write-back of the files below.
            let flush = try FileSystemFlush(holding: staging.path)
            for (path, contents) in files.sorted(by: { $0.key < $1.key }) {
                let file = staging.appendingPathComponent(path)
                try manager.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try UnsyncedFile.write(contents, to: file.path)
            }
            try UnsyncedFile.write(SiteManifest(files: files).data, to: staging.appendingPathComponent(marker).path)
            // One flush for the whole site before it takes the old one's place, not one per file.
            try flush.flush()
        } catch {
            try? manager.removeItem(at: staging)
            throw DiagnosticsError([Diagnostic(file: output, message: "cannot write the site: \(BookLoader.reason(error))")])
        }
        beforeSwap()
        // Swap in one step where the file system can: the new site takes the name and the old one
        // takes the staging name, so an interrupt at any moment leaves one whole site in place.
        if manager.fileExists(atPath: url.path) && tutorial_exchange_paths(staging.path, url.path) == 0 {
            // The old site, now under the staging name, is removed only if it is still all the
            // tool's: a file saved into it during the build is kept, and said.
            do {
                try OwnedFolder.checkReplaceable(staging.path, kind: .site, shownAs: output)
                try? manager.removeItem(at: staging)
            } catch {
                _ = rename(staging.path, retired.path)
                throw DiagnosticsError([Diagnostic(
                    file: output,
                    message: "the new site is in place, but files appeared in the old one during the build; it was kept as \(retired.path): \(error.diagnostics.map(\.message).joined(separator: "; "))")])
            }
            return
        }
        // Elsewhere: the old site moves aside, the new one takes its name, the old one goes.
        let hadOld = manager.fileExists(atPath: url.path)
        if hadOld && rename(url.path, retired.path) != 0 {
            let reason = Errno(rawValue: errno)
            try? manager.removeItem(at: staging)
            throw DiagnosticsError([Diagnostic(file: output, message: "cannot replace the old site: \(reason)")])
        }
        if rename(staging.path, url.path) != 0 {
            let reason = Errno(rawValue: errno)
            if hadOld { _ = rename(retired.path, url.path) }
            try? manager.removeItem(at: staging)
            throw DiagnosticsError([Diagnostic(file: output, message: "cannot move the new site into place: \(reason)")])
        }
        if hadOld { try? manager.removeItem(at: retired) }
    }
}
