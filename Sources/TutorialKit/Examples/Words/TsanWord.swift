/// `tsan`: the example is compiled with ThreadSanitizer, whose verdict its output shows.
struct TsanWord: CellWord {
    static let name = "tsan"
    static let syntax = "tsan"
    static let needsRun = true
    /// Debug info with the sanitizer, so that its reports name the Markdown lines.
    static let flags = ["-sanitize=thread", "-g"]

    static func parse(_ value: String?, word: String) throws(AttributeError) -> TsanWord {
        try bare(value, word: word)
        return TsanWord()
    }

    static func compileFlags(_ uses: [CellWordUse<TsanWord>]) -> [String] {
        uses.isEmpty ? [] : flags
    }

    static func configure(_ settings: inout RunSettings, uses: [CellWordUse<TsanWord>]) {
        guard !uses.isEmpty else { return }
        // Report every race and go on; the exit status says whether there was one.
        settings.environment["TSAN_OPTIONS"] = ThreadSanitizerReport.options
        // The sanitizer maps terabytes of shadow memory, which RLIMIT_DATA refuses (the run's own
        // memory limit still holds).
        settings.perProcessDataLimit = false
        // It starts its own symbolizer to write its reports, which may outlive the program.
        settings.helperCommands.append("llvm-symbolizer")
    }

    static var views: [any OutputView] { [SanitizerView()] }
}
