/// `tsan`: the example is compiled with ThreadSanitizer, whose verdict its output shows.
package struct TsanWord: BareCellWord {
    package init() {}
    package static let name = "tsan"
    package static let footerFlags: (flags: String, caption: String)? = (flags.joined(separator: " "), "ThreadSanitizer")
    package static let needsRun = true
    /// Debug info with the sanitizer, so that its reports name the Markdown lines.
    static let flags = ["-sanitize=thread", "-g"]
    /// The status a program exits with when ThreadSanitizer reported something.
    package static let exitStatus: Int32 = 66
    /// Report every race and go on; the exit status says whether there was one.
    package static let options = "halt_on_error=0:exitcode=\(exitStatus)"

    package static func compileFlags(_ uses: [CellWordUse<TsanWord>]) -> [String] {
        uses.isEmpty ? [] : flags
    }

    package static func configure(_ settings: inout RunSettings, uses: [CellWordUse<TsanWord>]) {
        guard !uses.isEmpty else { return }
        settings.environment["TSAN_OPTIONS"] = options
        // The sanitizer maps terabytes of shadow memory, which RLIMIT_DATA refuses (the run's own
        // memory limit still holds).
        settings.perProcessDataLimit = false
        // It starts its own symbolizer to write its reports, which may outlive the program.
        settings.helperCommands.append("llvm-symbolizer")
    }
}
