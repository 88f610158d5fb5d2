import CSupport
import Foundation
import Glibc

/// Files written without a flush to the disk each: Foundation's `Data.write` calls `fsync` for
/// every file, which made writing a site of thousands of pages (and their cache entries) wait on
/// the disk thousands of times. A caller that needs the files on disk flushes them all at once
/// with ``flushFileSystem(holding:)``; cache entries carry their own hash and need no flush.
package enum UnsyncedFile {
    /// Creates (or truncates) `path` and writes `contents` into it.
    package static func write(_ contents: Data, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        var closed = false
        defer { if !closed { close(descriptor) } }
        try contents.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) throws in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
                }
                offset += written
            }
        }
        // A file system may report a failed write only now (NFS, quotas).
        closed = true
        if close(descriptor) != 0 && errno != EINTR { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }

    /// Writes `contents` to a temporary file beside `path` and renames it into place, so that a
    /// reader never sees half a file.
    package static func replace(_ contents: Data, at path: String) throws {
        let temporary = "\(path).tmp-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        do {
            try write(contents, to: temporary)
            guard rename(temporary, path) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        } catch {
            unlink(temporary)
            throw error
        }
    }

    /// Flushes every file written to the file system that holds `path`, in one call; see
    /// ``FileSystemFlush``, which also sees the write-back errors of files written before.
    package static func flushFileSystem(holding path: String) throws {
        try FileSystemFlush(holding: path).flush()
    }
}

/// One flush of a whole file system, for files written with ``UnsyncedFile``. Open it before
/// writing them: since Linux 5.8 `syncfs` reports a write-back error (EIO, ENOSPC) of any file of
/// that file system that happened since the descriptor was opened, and ``flush()`` throws it.
package final class FileSystemFlush {
    private let descriptor: Int32

    package init(holding path: String) throws {
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }

    deinit { close(descriptor) }

    /// Flushes the file system; throws when it, or a write since ``init(holding:)``, failed.
    package func flush() throws {
        if tutorial_sync_file_system(descriptor) != 0 { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }
}
