import Foundation
import Synchronization
@testable import TutorialExecution
@testable import TutorialModel

/// A stand-in for `swiftc` in tests of the pipeline around the compiler (cache, cells, slots,
/// pages), where compiling for real would only cost time. It translates a generated
/// `main.swift` whose cells only `print` string literals or `exit` into a shell script that
/// prints the same lines, with the boundary lines the real program writes between cells.
/// Any other line does not compile: the fake never pretends to run Swift, and no book's output
/// comes from it.
final class FakeCompiler: ProgramCompiler, @unchecked Sendable {
    let flags = Compiler.defaultFlags
    private let count = Mutex(0)

    /// How many compiles and type-checks it was asked for.
    var compiles: Int { count.withLock { $0 } }

    func version() async -> String { "fake swiftc 1 (tests of the pipeline only)" }

    func compile(sources: [String], output: String?, moduleName: String, extraFlags: [String]) async -> CompileOutcome {
        count.withLock { $0 += 1 }
        let startedAt = Date().timeIntervalSince1970
        func outcome(_ succeeded: Bool, _ log: String) -> CompileOutcome {
            CompileOutcome(succeeded: succeeded, log: log, duration: 0, startedAt: startedAt, endedAt: Date().timeIntervalSince1970)
        }
        guard let main = sources.first(where: { $0.hasSuffix("/" + GeneratedProgram.mainFileName) }),
              let text = try? String(contentsOfFile: main, encoding: .utf8) else {
            return outcome(false, "fake swiftc: no \(GeneratedProgram.mainFileName) among \(sources)\n")
        }
        switch Self.script(for: text) {
        case .failure(let error):
            return outcome(false, error.message)
        case .success(let script):
            guard let output else { return outcome(true, "") }
            do {
                try script.write(toFile: output, atomically: true, encoding: .utf8)
                try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: output)
            } catch {
                return outcome(false, "fake swiftc: cannot write \(output): \(error)\n")
            }
            return outcome(true, "")
        }
    }

    struct Untranslatable: Error {
        var message: String
    }

    /// The shell script that does what `main` says, or an error naming the first line it cannot
    /// translate, in the compiler's format (`file:line:column: error: ...`).
    static func script(for main: String) -> Result<String, Untranslatable> {
        var script = "#!/bin/sh\n"
        var location: (file: String, line: Int)?
        for line in main.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            defer { location = location.map { ($0.file, $0.line + 1) } }
            let code = line.trimmingCharacters(in: .whitespaces)
            if let match = code.wholeMatch(of: /#sourceLocation\(file: "(.*)", line: ([0-9]+)\)/) {
                // The next line is the given one (the `defer` above adds one first).
                location = (String(match.1), Int(match.2)! - 1)
            } else if code == "#sourceLocation()" {
                location = nil
            } else if let match = code.wholeMatch(of: /_tutorialBoundary\(([0-9]+)\)/) {
                let write = "printf '%s %s\\n' \"$\(GeneratedProgram.boundaryVariable)\" \(match.1)"
                script += "if [ -n \"$\(GeneratedProgram.boundaryVariable)\" ]; then \(write); \(write) >&2; fi\n"
            } else if let match = code.wholeMatch(of: /print\("([^"\\]*)"\)/) {
                script += "printf '%s\\n' '\(match.1.replacingOccurrences(of: "'", with: "'\\''"))'\n"
            } else if let match = code.wholeMatch(of: /exit\(([0-9]+)\)/) {
                script += "exit \(match.1)\n"
            } else if !(code.isEmpty || code.hasPrefix("//") || code == "import Foundation") {
                let place = location.map { "\($0.file):\($0.line):1: " } ?? ""
                return .failure(Untranslatable(message: "\(place)error: the fake compiler cannot translate '\(code)'\n"))
            }
        }
        return .success(script)
    }
}
