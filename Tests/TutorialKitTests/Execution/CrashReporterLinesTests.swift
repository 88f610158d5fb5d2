import Testing
@testable import TutorialExecution

/// The crash reporter's own lines, there only because the tool sends the backtrace to a file,
/// leave the page's output; the program's lines and the runtime's message stay, in order.
@Suite struct CrashReporterLinesTests {
    func line(_ text: String, _ stream: OutputChannel = .stderr) -> OutputLine {
        OutputLine(stream: stream, text: text, time: 0)
    }

    @Test func theReportersLinesGoTheProgramsStay() {
        let cell = CellOutput(lines: [
            line("about to read", .stdout),
            line("Swift/ContiguousArrayBuffer.swift:692: Fatal error: Index out of range"),
            line(""),
            line("swift-runtime: failed to suspend thread 8116 while processing a crash; backtraces will be missing information"),
            line("*** Signal 4: Backtracing from 0x7fe193f132a2... done ***"),
            line(""),
        ], start: 0)
        let kept = CrashReporterLines.removed(from: [cell])
        #expect(kept[0].lines.map(\.text) == ["about to read", "Swift/ContiguousArrayBuffer.swift:692: Fatal error: Index out of range"])
    }

    @Test func lookalikesOnStdoutOrWithMoreTextStay() {
        let lines = [
            line("*** Signal 4: Backtracing from 0x7fe193f132a2... done ***", .stdout),
            line("*** Signal 4: Backtracing from here, said the program"),
            line(""),
            line("note: swift-runtime: failed to suspend thread 1 while processing a crash; backtraces will be missing information"),
        ]
        let kept = CrashReporterLines.removed(from: [CellOutput(lines: lines, start: 0)])
        #expect(kept[0].lines == lines)
    }

    @Test func anOmissionKeepsItsPlace() {
        let cell = CellOutput(lines: [
            line("first", .stdout), line("*** Signal 11: Backtracing from 0xabc... done ***"), line("last", .stdout),
        ], start: 0, omittedLines: 5, omissionIndex: 2)
        let kept = CrashReporterLines.removed(from: [cell])[0]
        #expect(kept.lines.map(\.text) == ["first", "last"])
        #expect(kept.omissionIndex == 1)
        #expect(kept.omittedLines == 5)
    }
}
