import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive lock on an output folder, so that two builds writing the same site take turns
/// instead of interleaving. The lock is a `flock` on a file in the cache folder, named after the
/// output folder's full path: the system releases it when the process ends, however it ends.
public final class BuildLock: Sendable {
    private let descriptor: Int32
    public let path: String

    /// Takes the lock for `output`, calling `waiting` first if another process holds it.
    public init(output: String, cache: ProgramCache, waiting: () -> Void) throws(DiagnosticsError) {
        var hash = StableHash()
        hash.combine(URL(fileURLWithPath: output).standardizedFileURL.path)
        let folder = "\(cache.root)/locks"
        path = "\(folder)/\(hash.hex).lock"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw DiagnosticsError([Diagnostic(file: output, message: "cannot create the lock file \(path): \(String(cString: strerror(errno)))")])
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
