import CCmark
import Glibc

/// cmark's own rendering, the reference the renderer must match.
enum CmarkReference {
    /// `cmark_markdown_to_html` with the default options (0.30: safe).
    static func html(_ markdown: String) -> String {
        guard let rendered = markdown.withCString({ cmark_markdown_to_html($0, strlen($0), CMARK_OPT_DEFAULT) }) else {
            return ""
        }
        defer { free(rendered) }
        return String(cString: rendered)
    }
}
