import Foundation
import Glibc
import SystemPackage
import TutorialModel
import TutorialSupport

/// An exclusive lock on an output folder, so that two builds writing the same site take turns
/// instead of interleaving, whatever caches they use. The lock is a `flock` on a hidden file
/// beside the output folder (`.site.lock` for `site`): the folder itself is replaced by each
/// build, so it cannot hold the lock. The system releases it when the process ends, however it ends.
public final class BuildLock: Sendable {
    private let descriptor: Int32
    let path: String

    /// Takes the lock for `output`, calling `waiting` first if another process holds it.
    public init(output: String, waiting: () -> Void) throws(DiagnosticsError) {
        let url = URL(fileURLWithPath: ResolvedPath.of(output))
        let parent = url.deletingLastPathComponent()
        path = parent.appendingPathComponent(".\(url.lastPathComponent).lock").path
        try? FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        // Never through a link: a book could otherwise make a build create a file anywhere.
        descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else {
            let reason = errno == ELOOP ? "it is a symbolic link" : "\(Errno(rawValue: errno))"
            throw DiagnosticsError([Diagnostic(file: output, message: "cannot create the lock file \(path): \(reason)")])
        }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            waiting()
            while flock(descriptor, LOCK_EX) != 0 && errno == EINTR {}
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
