import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The tool's folder of run folders in the temporary folder: made by `mkdtemp` as
/// `tutorial-runs-PID.XXXXXX`, a name no other user can guess and make first, and checked before
/// each use to be a folder (not a link) of the tool's user that no one else may enter (mode 0700).
/// It goes with its last run (the next run makes a new one), when the tool is interrupted, and,
/// when a tool was killed, with the next tool's first run.
enum ScratchFolder {
    /// The folder in use, if there is one, and whether stale folders were removed.
    private static let state = Mutex<(folder: String?, swept: Bool)>((nil, false))

    /// Makes a new, empty folder for one run, whose name starts with `name`, and returns its path.
    static func makeRunFolder(named name: String) throws -> String {
        try state.withLock { state in
            if !state.swept {
                state.swept = true
                removeStale()
                _ = ChildProcesses.shared.onInterrupt {
                    // The signal thread may find the lock held by a run being set up: it waits.
                    if let folder = Self.state.withLock({ $0.folder }) { try? FileManager.default.removeItem(atPath: folder) }
                }
            }
            if let folder = state.folder, !isOwn(folder) { state.folder = nil }
            let parent = try state.folder ?? makeFolder()
            state.folder = parent
            return try temporaryFolder("\(parent)/\(name.prefix(100)).XXXXXX")
        }
    }

    /// Removes a folder `makeRunFolder` made, and the folder of runs once it is empty.
    static func removeRunFolder(_ path: String) {
        state.withLock { state in
            try? FileManager.default.removeItem(atPath: path)
            if let folder = state.folder, rmdir(folder) == 0 { state.folder = nil }
        }
    }

    /// A new folder of runs, the tool's own.
    private static func makeFolder() throws -> String {
        let folder = try temporaryFolder("\(FileManager.default.temporaryDirectory.path)/tutorial-runs-\(getpid()).XXXXXX")
        guard isOwn(folder) else { throw POSIXError(.EPERM) }
        return folder
    }

    /// Makes a folder with `mkdtemp` (mode 0700, a new name: the X's are replaced at random).
    private static func temporaryFolder(_ template: String) throws -> String {
        var bytes = Array(template.utf8CString)
        let made = bytes.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard made != nil else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        return String(decoding: bytes.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// True when `path` is a folder, not a symbolic link, owned by the tool's user, that no one
    /// else may read, write or enter.
    static func isOwn(_ path: String) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0 else { return false }
        return info.st_mode & S_IFMT == S_IFDIR && info.st_uid == geteuid() && info.st_mode & 0o077 == 0
    }

    /// Removes the folders of runs of tools that are gone (killed before they could): those of
    /// the tool's user only, named `tutorial-runs-PID` or `tutorial-runs-PID.XXXXXX`.
    private static func removeStale() {
        let parent = FileManager.default.temporaryDirectory.path
        for name in GoneToolFolders.names(in: parent, prefix: "tutorial-runs-") {
            var info = stat()
            let path = "\(parent)/\(name)"
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, info.st_uid == geteuid() else { continue }
            try? FileManager.default.removeItem(atPath: path)
        }
    }
}
