import Foundation
import TutorialModel

/// One report of ThreadSanitizer, read from a program's stderr: what raced, where in the book,
/// on which threads, condensed to a sentence for the page; the raw report is kept whole.
package struct ThreadSanitizerReport: Hashable, Sendable {
    /// What the program is run with: report every race, go on, and exit with 66 at the end if
    /// there was one (the cell word `tsan` sets it).
    static let options = TsanWord.options
    /// The exit status that says ThreadSanitizer reported something.
    package static let exitStatus: Int32 = TsanWord.exitStatus

    /// "data race", "Swift access race", ...
    var kind: String
    /// The sentence for the page, without addresses, PIDs or build ids.
    package var summary: String
    /// The report as the runtime printed it, between its `=====` lines.
    package var raw: String
    /// The Markdown line of the first access, when a frame names one.
    var line: Int?

    /// The reports in `lines` and the lines that are not part of one, in order. `files` are
    /// the book's files whose lines frames may name.
    package static func extract(from lines: [OutputLine], files: Set<String>) -> (reports: [ThreadSanitizerReport], rest: [OutputLine]) {
        var reports: [ThreadSanitizerReport] = []
        var rest: [OutputLine] = []
        var current: [String]?
        for line in lines {
            if line.stream == .stderr && line.text.hasPrefix("==================") {
                if let body = current {
                    if let report = parse(body, files: files) { reports.append(report) }
                    current = nil
                } else {
                    current = []
                }
                continue
            }
            if current != nil && line.stream == .stderr {
                current?.append(line.text)
            } else if line.stream == .stderr && line.text.hasPrefix("ThreadSanitizer: reported ") {
                continue
            } else {
                rest.append(line)
            }
        }
        // A report cut short (the program was killed in the middle of it).
        if let body = current, let report = parse(body, files: files) { reports.append(report) }
        return (reports, rest)
    }

    /// Whether stderr says ThreadSanitizer could not run at all on this machine.
    package static func failedToStart(_ lines: [OutputLine]) -> String? {
        lines.first { $0.stream == .stderr && $0.text.contains("ThreadSanitizer") && $0.text.contains("FATAL") }?.text
    }

    static func parse(_ body: [String], files: Set<String>) -> ThreadSanitizerReport? {
        guard let header = body.first(where: { $0.hasPrefix("WARNING: ThreadSanitizer: ") }) else { return nil }
        var kind = String(header.dropFirst("WARNING: ThreadSanitizer: ".count))
        if let pid = kind.range(of: " (pid=") { kind = String(kind[..<pid.lowerBound]) }
        // The accesses: the first line is the one that raced now, "Previous ..." the earlier one.
        var accesses: [(what: String, thread: String, place: String?)] = []
        for (index, line) in body.enumerated() {
            let text = line.trimmingCharacters(in: .whitespaces)
            guard let by = text.range(of: " by "), text.contains(" at 0x"),
                  !text.hasPrefix("Location"), !text.hasPrefix("Thread ") else { continue }
            var what = String(text[..<(text.range(of: " at 0x")?.lowerBound ?? by.lowerBound)])
            what = what.replacingOccurrences(of: "Previous ", with: "")
            if let size = what.range(of: " of size ") { what = String(what[..<size.lowerBound]) }
            what = what.replacingOccurrences(of: " of Swift variable", with: "").lowercased()
            let thread = String(text[by.upperBound...]).trimmingCharacters(in: CharacterSet(charactersIn: ": "))
            let frames = body[(index + 1)...].prefix { $0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }
            accesses.append((what, thread, frames.lazy.compactMap { place(in: $0, files: files) }.first))
        }
        let location = body.first { $0.contains("Location is global '") }
            .flatMap { line -> String? in
                guard let start = line.range(of: "global '"), let end = line[start.upperBound...].firstIndex(of: "'") else { return nil }
                return Demangler.variableName(String(line[start.upperBound..<end]))
            }
        var summary = kind.prefix(1).uppercased() + kind.dropFirst()
        if let first = accesses.first {
            summary += ": \(first.what)" + (location.map { " of `\($0)`" } ?? "")
            summary += placeWords(first.place) + " on \(first.thread)"
        }
        if accesses.count > 1 {
            let earlier = accesses[1]
            summary += " and earlier \(earlier.what)" + placeWords(earlier.place) + " on \(earlier.thread)"
        }
        let line = accesses.lazy.compactMap { $0.place?.split(separator: ":").dropFirst().first.flatMap { Int($0) } }.first
        let raw = body.map { readable($0, files: files) }.joined(separator: "\n")
        return ThreadSanitizerReport(kind: kind, summary: summary, raw: raw, line: line)
    }

    /// A line of the raw report with the book's files named from the book's folder
    /// (`chapters/03-race.md:41:7`, not the build's absolute path) and Swift's mangled names
    /// demangled.
    static func readable(_ line: String, files: Set<String>) -> String {
        line.split(separator: " ", omittingEmptySubsequences: false).map { token -> String in
            if token.hasPrefix("/") {
                for file in files {
                    if let range = token.range(of: "/" + file) { return String(token[token.index(after: range.lowerBound)...]) }
                }
            }
            if token.hasPrefix("$s") || token.hasPrefix("'$s") {
                let quoted = token.hasPrefix("'") && token.hasSuffix("'") && token.count > 2
                let name = quoted ? String(token.dropFirst().dropLast()) : String(token)
                let readable = Demangler.fullName(name)
                return quoted ? "'\(readable)'" : readable
            }
            return String(token)
        }.joined(separator: " ")
    }

    /// " at 03-race.md:42", or " in 03-race.md" for a frame without a line.
    static func placeWords(_ place: String?) -> String {
        guard let place else { return "" }
        return place.contains(":") ? " at \(place)" : " in \(place)"
    }

    /// `03-race-conditions.md:42` for a frame whose path ends with one of `files`, with the
    /// line when the frame has one.
    static func place(in frame: String, files: Set<String>) -> String? {
        for file in files {
            guard let range = frame.range(of: file) else { continue }
            let name = URL(fileURLWithPath: file).lastPathComponent
            let after = frame[range.upperBound...]
            guard after.hasPrefix(":"), let number = Int(after.dropFirst().prefix { $0.isNumber }) else { return name }
            return "\(name):\(number)"
        }
        return nil
    }
}

/// Turns Swift's mangled names into readable ones, with the runtime's own demangler.
enum Demangler {
    @_silgen_name("swift_demangle")
    private static func demangle(
        _ mangled: UnsafePointer<CChar>?, _ length: Int, _ output: UnsafeMutablePointer<CChar>?,
        _ outputSize: UnsafeMutablePointer<Int>?, _ flags: UInt32) -> UnsafeMutablePointer<CChar>?

    /// The whole demangled name (`prog.counter : Swift.Int` for `$s4prog7counterSivp`), or the
    /// name as given when it is not a Swift one.
    static func fullName(_ mangled: String) -> String {
        guard mangled.hasPrefix("$s"), let pointer = mangled.withCString({ demangle($0, strlen($0), nil, nil, 0) }) else {
            return mangled
        }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    /// `counter` for `$s4prog7counterSivp` (`prog.counter : Swift.Int`), or the name as given.
    static func variableName(_ mangled: String) -> String {
        guard mangled.hasPrefix("$s"), let pointer = mangled.withCString({ demangle($0, strlen($0), nil, nil, 0) }) else {
            return mangled
        }
        defer { free(pointer) }
        let full = String(cString: pointer)
        let declaration = full.split(separator: " : ").first.map(String.init) ?? full
        return declaration.split(separator: ".").last.map(String.init) ?? declaration
    }
}
