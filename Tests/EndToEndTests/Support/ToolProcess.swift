import Foundation

/// Runs the built `tutorial` binary, as a user would.
struct ToolProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        /// Seconds after start at which each stdout line arrived.
        var stdoutTimes: [(line: String, time: Double)]
        /// The tool's peak resident memory, in KiB, as /proc last showed it.
        var peakMemoryKiB: Int
    }

    /// The `tutorial` executable built beside the test bundle, or the one that
    /// `TUTORIAL_TEST_EXECUTABLE` names (to run the tests against another build of the tool).
    static let executable: URL = {
        if let path = ProcessInfo.processInfo.environment["TUTORIAL_TEST_EXECUTABLE"] {
            return URL(fileURLWithPath: path)
        }
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL,
            Bundle.main.bundleURL.deletingLastPathComponent(),
        ]
        for folder in candidates {
            let url = folder.appendingPathComponent("tutorial")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        // swift test builds it in the package's own build folder.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/tutorial")
    }()

    /// Runs `tutorial arguments...` in `directory` and waits for it, with the test's environment
    /// changed by `environment` (a nil value removes a variable). `whileRunning` is called with
    /// the process once it has started. A `launcher` (a command and its arguments) runs the tool
    /// through it: `launcher... tutorial arguments...`, which must exec the tool. `onLine` is
    /// called with each stdout line as soon as it arrives, while the tool runs on.
    static func run(
        _ arguments: [String], in directory: URL, environment: [String: String?] = [:], launcher: [String] = [],
        whileRunning: @escaping @Sendable (Process) -> Void = { _ in },
        onLine: (String) -> Void = { _ in }
    ) throws -> Result {
        let process = Process()
        process.executableURL = launcher.first.map { URL(fileURLWithPath: $0) } ?? executable
        process.arguments = launcher.isEmpty ? arguments : Array(launcher.dropFirst()) + [executable.path] + arguments
        process.currentDirectoryURL = directory
        if !environment.isEmpty {
            var merged = ProcessInfo.processInfo.environment
            for (name, value) in environment { merged[name] = value }
            process.environment = merged
        }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let start = Date()
        let errData = LockedData()
        // A thread of its own reads standard error to its end (Foundation's readabilityHandler is a
        // dispatch source that crashed the test process when torn down as the pipe closed).
        let errDone = DispatchSemaphore(value: 0)
        let errReader = Thread {
            while case let chunk = err.fileHandleForReading.availableData, !chunk.isEmpty { errData.append(chunk) }
            errDone.signal()
        }
        try process.run()
        errReader.start()
        let peak = LockedData()
        let pid = process.processIdentifier
        let sampler = Thread {
            // VmHWM is the peak so far: the last reading before the exit is the peak of the run.
            while let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
                  let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) {
                peak.set(Data(line.utf8))
                Thread.sleep(forTimeInterval: 0.02)
            }
        }
        sampler.start()
        let watcher = Thread { whileRunning(process) }
        watcher.start()
        var stdout = Data()
        var times: [(String, Double)] = []
        var pending = Data()
        while true {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            let now = Date().timeIntervalSince(start)
            stdout += chunk
            pending += chunk
            while let newline = pending.firstIndex(of: 0x0A) {
                let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                times.append((line, now))
                onLine(line)
                pending = Data(pending[(newline + 1)...])
            }
        }
        process.waitUntilExit()
        errDone.wait()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: errData.value, as: UTF8.self),
            stdoutTimes: times,
            peakMemoryKiB: Int(String(decoding: peak.value, as: UTF8.self).filter(\.isNumber)) ?? 0)
    }
}

/// Data appended from another thread.
final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    func append(_ more: Data) {
        lock.lock()
        data += more
        lock.unlock()
    }

    func set(_ new: Data) {
        lock.lock()
        data = new
        lock.unlock()
    }

    var value: Data {
        lock.lock()
        defer { lock.unlock() }
        return data
    }
}
