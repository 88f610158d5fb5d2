import Foundation
import Testing
@testable import TutorialExecution

/// The compiler's `--version` is asked once per machine, not once per book: a second book (or a
/// new clone, with an empty cache) finds it in the user's cache folder. A failed answer is not kept.
@Suite struct CompilerIdentityTests {
    /// A `swiftc` that counts how often it is asked, and answers `exit` with this status.
    static func countingCompiler(in folder: String, status: Int) throws -> String {
        let path = "\(folder)/swiftc"
        let script = "#!/bin/sh\necho asked >> \"\(folder)/asked\"\necho 'counting swiftc 1.0'\nexit \(status)\n"
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o755)
        return path
    }

    static func asked(_ folder: String) -> Int {
        ((try? String(contentsOfFile: "\(folder)/asked", encoding: .utf8)) ?? "").split(separator: "\n").count
    }

    static func folder() throws -> String {
        let path = "\(NSTemporaryDirectory())compiler-identity-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func twoBooksAskTheCompilerOnce() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let compiler = Compiler(swiftc: try Self.countingCompiler(in: folder, status: 0))
        let user = "\(folder)/user-cache"
        let first = await CompilerIdentity.version(of: compiler, cache: ProgramCache(root: "\(folder)/book-a"), userFolder: user)
        let second = await CompilerIdentity.version(of: compiler, cache: ProgramCache(root: "\(folder)/book-b"), userFolder: user)
        #expect(first.contains("counting swiftc 1.0"))
        #expect(second == first)
        #expect(Self.asked(folder) == 1)
        // Nothing was written into either book's cache.
        #expect(!FileManager.default.fileExists(atPath: "\(folder)/book-a/compiler.json"))
    }

    @Test func withoutAUserFolderTheBooksCacheKeepsIt() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let compiler = Compiler(swiftc: try Self.countingCompiler(in: folder, status: 0))
        let cache = ProgramCache(root: "\(folder)/book")
        _ = await CompilerIdentity.version(of: compiler, cache: cache, userFolder: nil)
        _ = await CompilerIdentity.version(of: compiler, cache: cache, userFolder: nil)
        #expect(Self.asked(folder) == 1)
        #expect(FileManager.default.fileExists(atPath: "\(folder)/book/compiler.json"))
    }

    @Test func aFailedAnswerIsAskedAgain() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let compiler = Compiler(swiftc: try Self.countingCompiler(in: folder, status: 3))
        let user = "\(folder)/user-cache"
        let first = await CompilerIdentity.version(of: compiler, cache: ProgramCache(root: "\(folder)/book"), userFolder: user)
        _ = await CompilerIdentity.version(of: compiler, cache: ProgramCache(root: "\(folder)/book"), userFolder: user)
        #expect(first.hasPrefix("unknown swiftc"))
        #expect(Self.asked(folder) == 2)
    }

    /// Two toolchains side by side, in folders whose names differ only after a space, keep one
    /// answer each: asking one does not make the other ask again.
    @Test func toolchainsWithSpacesInTheirPathsKeepAnAnswerEach() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let first = "\(folder)/swift 6.2", second = "\(folder)/swift 6.3"
        for path in [first, second] { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        let compilers = [Compiler(swiftc: try Self.countingCompiler(in: first, status: 0)),
                         Compiler(swiftc: try Self.countingCompiler(in: second, status: 0))]
        let user = "\(folder)/user-cache"
        for _ in 0..<2 {
            for compiler in compilers {
                _ = await CompilerIdentity.version(of: compiler, cache: ProgramCache(root: "\(folder)/book"), userFolder: user)
            }
        }
        #expect(Self.asked(first) == 1)
        #expect(Self.asked(second) == 1)
    }
}
