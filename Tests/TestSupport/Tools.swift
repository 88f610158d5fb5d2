import Foundation

/// The outside tools some tests need, and whether the tests run in CI. A test that needs a tool
/// is enabled with `.enabled(if: Tools.curl || Tools.inCI, "curl is not installed")`: where the
/// tool is missing it is skipped, with the reason, except in CI (`CI=true`), where it runs and
/// fails, since CI installs every tool.
public enum Tools {
    /// Whether the tests run in CI (`CI=true`), where a missing tool is a failure.
    public static let inCI = ProcessInfo.processInfo.environment["CI"] == "true"

    /// Whether `curl` is on PATH (the notebook tests send their requests with it, as they are).
    public static let curl = onPath("curl")

    /// The CommonMark 0.30 spec's examples (`spec.json`), which are not ours to commit: `.ci/run`
    /// fetches them into `.build/commonmark-spec/`; `TUTORIAL_COMMONMARK_SPEC` names another file.
    /// Nil when the file is missing.
    public static let commonMarkSpec: URL? = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let path = ProcessInfo.processInfo.environment["TUTORIAL_COMMONMARK_SPEC"]
            ?? root.appendingPathComponent(".build/commonmark-spec/spec.json").path
        return FileManager.default.fileExists(atPath: path) ? URL(fileURLWithPath: path) : nil
    }()

    /// axe-core's script (`axe.min.js`), the accessibility checker the browser tests run on every
    /// page: `.ci/run` takes it from PyPI's `axe-playwright-python` wheel into `.build/axe/`;
    /// `TUTORIAL_AXE` names another file. Nil when the file is missing.
    public static let axe: URL? = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let path = ProcessInfo.processInfo.environment["TUTORIAL_AXE"] ?? root.appendingPathComponent(".build/axe/axe.min.js").path
        return FileManager.default.fileExists(atPath: path) ? URL(fileURLWithPath: path) : nil
    }()

    /// Whether a program compiled with `-sanitize=thread` runs here: found out once, by
    /// compiling and running a tiny one (some kernels' memory layouts defeat the sanitizer).
    public static let threadSanitizer: Bool = {
        guard let folder = try? TestSupport.temporaryDirectory("tsan-probe") else { return false }
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = folder.appendingPathComponent("probe.swift")
        let program = folder.appendingPathComponent("probe")
        let code = """
            import Foundation
            var value = 0
            let thread = Thread { value += 1 }
            thread.start()
            Thread.sleep(forTimeInterval: 0.1)
            print("probe ran")
            """
        guard (try? code.write(to: source, atomically: true, encoding: .utf8)) != nil,
              run("swiftc", ["-sanitize=thread", "-g", source.path, "-o", program.path]).status == 0 else { return false }
        let result = run(program.path, [])
        return result.status == 0 && result.output.contains("probe ran")
    }()

    /// Whether an executable named `name` is in one of PATH's folders.
    public static func onPath(_ name: String) -> Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        return path.split(separator: ":").contains { folder in
            FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)")
        }
    }

    /// Runs `command` (a path, or a name looked up in PATH) and returns its status and output.
    static func run(_ command: String, _ arguments: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command.contains("/") ? command : "/usr/bin/env")
        process.arguments = command.contains("/") ? arguments : [command] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        guard (try? process.run()) != nil else { return (-1, "") }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }
}
