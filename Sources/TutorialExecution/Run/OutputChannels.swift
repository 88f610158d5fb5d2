import CSupport
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Where a program's stdout and stderr go, and what reads them on the tool's side: two pipes
/// (``PipeReader``), or one ordered stream of datagrams (``DatagramReader``), which keeps the order
/// of writes across the two streams.
struct OutputChannels {
    var reader: any OutputReader
    /// The write ends the program gets as fd 1 and fd 2; the caller closes them once it started.
    var stdout: Int32
    var stderr: Int32
    /// How `/proc/PID/fd` names the write ends ("pipe:[N]", "socket:[N]"): a process that holds
    /// one of them still holds the program's output.
    var names: Set<String>

    /// Why channels could not be made.
    struct Failure: Error {
        var reason: String
    }

    /// New channels, ordered or not; ordered ones with a long queue where the tool may.
    static func make(ordered: Bool, privateQueue: Bool = true) -> Result<OutputChannels, Failure> {
        if ordered {
            do {
                let reader = try DatagramReader(privateQueue: privateQueue)
                let names = Set([reader.stdoutSender, reader.stderrSender].map { "socket:[\(inode($0))]" })
                return .success(OutputChannels(reader: reader, stdout: reader.stdoutSender, stderr: reader.stderrSender, names: names))
            } catch {
                return .failure(Failure(reason: "cannot create the output sockets: \(String(cString: strerror(errno)))"))
            }
        }
        var stdoutPipe: [Int32] = [-1, -1]
        var stderrPipe: [Int32] = [-1, -1]
        guard tutorial_pipe_cloexec(&stdoutPipe) == 0, tutorial_pipe_cloexec(&stderrPipe) == 0 else {
            let reason = String(cString: strerror(errno))
            for fd in stdoutPipe + stderrPipe where fd >= 0 { close(fd) }
            return .failure(Failure(reason: "cannot create pipes: \(reason)"))
        }
        let names = Set([stdoutPipe[0], stderrPipe[0]].map { "pipe:[\(inode($0))]" })
        guard let reader = try? PipeReader(stdout: stdoutPipe[0], stderr: stderrPipe[0]) else {
            for fd in stdoutPipe + stderrPipe { close(fd) }
            return .failure(Failure(reason: "cannot create pipes"))
        }
        return .success(OutputChannels(reader: reader, stdout: stdoutPipe[1], stderr: stderrPipe[1], names: names))
    }

    private static func inode(_ fd: Int32) -> UInt64 {
        var info = stat()
        return fstat(fd, &info) == 0 ? UInt64(info.st_ino) : 0
    }
}
