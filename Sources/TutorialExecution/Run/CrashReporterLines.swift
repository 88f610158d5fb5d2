import Foundation

/// The lines Swift's crash reporter writes to stderr when the tool sends its backtrace to a file
/// (`SWIFT_BACKTRACE=…,output-to=`): "*** Signal 4: Backtracing from 0x…... done ***", the blank
/// lines around it and "swift-runtime: failed to suspend thread N while processing a crash…". They
/// exist only because of the tool's setting, say nothing of the program, and are taken out of the
/// page's output; the diagnostic names the backtrace's file instead. Everything the program and
/// the runtime's own "Fatal error" message printed stays.
enum CrashReporterLines {
    /// `cells` without the reporter's lines, which only a crashed run has.
    static func removed(from cells: [CellOutput]) -> [CellOutput] {
        cells.map { cell in
            guard cell.lines.contains(where: isReporterLine) else { return cell }
            var kept = cell
            kept.lines = []
            var omissionIndex = cell.omissionIndex
            for (index, line) in cell.lines.enumerated() {
                let blankBesideReporter = line.stream == .stderr && line.text.isEmpty
                    && [index - 1, index + 1].contains { cell.lines.indices.contains($0) && isReporterLine(cell.lines[$0]) }
                if isReporterLine(line) || blankBesideReporter {
                    if index < cell.omissionIndex { omissionIndex -= 1 }
                } else {
                    kept.lines.append(line)
                }
            }
            kept.omissionIndex = max(0, min(omissionIndex, kept.lines.count))
            return kept
        }
    }

    static func isReporterLine(_ line: OutputLine) -> Bool {
        isBanner(line) || (line.stream == .stderr && matches(line.text, suspendWarning))
    }

    private static func isBanner(_ line: OutputLine) -> Bool {
        line.stream == .stderr && matches(line.text, banner)
    }

    private static var banner: some RegexComponent { #/\*\*\* Signal [0-9]+: Backtracing from 0x[0-9a-f]+\.\.\.( done \*\*\*| failed \*\*\*)?/# }
    private static var suspendWarning: some RegexComponent {
        #/swift-runtime: failed to suspend thread [0-9]+ while processing a crash; backtraces will be missing information/#
    }

    private static func matches(_ text: String, _ pattern: some RegexComponent) -> Bool {
        (try? pattern.regex.wholeMatch(in: text)) != nil
    }
}
