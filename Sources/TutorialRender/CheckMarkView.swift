import TutorialCheck

/// The mark of a checked output block: "✓ checked", which opens (a `<details>` element: no script)
/// on what was checked and held (``OutputBlock/checks``), so that the prose need not say it.
/// Blocks with nothing checked, and blocks of an example that failed, show none.
struct CheckMarkView: OutputView {
    let name = "checked"

    func html(for block: OutputBlock) -> String? {
        guard !block.checks.isEmpty else { return nil }
        let items = block.checks.map { "<li>\(HTML.codeSpans($0))</li>" }.joined()
        let count = block.checks.count == 1 ? "1 check" : "\(block.checks.count) checks"
        // A tick beside code that fails on purpose says what it confirms: the failure was expected.
        let what: String = switch block.status {
        case .failedAsExpected, .compileErrorAsExpected: "checked: fails as expected "
        default: "checked "
        }
        return "<details class=\"checked\"><summary><span class=\"checked-mark\" aria-hidden=\"true\">✓</span> \(what)"
            + "<span class=\"checked-count\">(\(count))</span></summary><ul class=\"checked-list\">\(items)</ul></details>"
    }
}
