@testable import TutorialExecution
@testable import TutorialModel
import Foundation
import TestSupport
import Testing

/// What a compile record keeps on disk.
@Suite struct CompileRecordTests {
    /// A record names no absolute path: copied into another folder (as a shared cache does) it
    /// reads the same, and no text of its JSON has to be rewritten.
    @Test func aSavedRecordHoldsNoPathOfItsFolder() throws {
        let folder = try TestSupport.temporaryDirectory("compile-record").path
        let log = "\(folder)/no_run-1/main.swift:3:7: error: cannot find 'x' in scope\n"
        let outcome = CompileOutcome(succeeded: false, log: log, failure: .code, duration: 0)
        CompileRecord(compile: outcome, typeChecks: [1: outcome], program: "\(folder)/program", cellLines: [3]).save(to: folder)

        let text = try String(contentsOfFile: "\(folder)/\(CompileRecord.fileName)", encoding: .utf8)
        #expect(!text.contains(folder) && !text.contains(folder.replacingOccurrences(of: "/", with: "\\/")), "\(text)")
        let loaded = try #require(CompileRecord.load(from: folder))
        #expect(loaded.compile?.log == "no_run-1/main.swift:3:7: error: cannot find 'x' in scope\n")
        #expect(loaded.compile?.failure == .code)
        #expect(loaded.typeChecks[1]?.log == loaded.compile?.log)
    }
}
