import Foundation

/// An image file of the chapters folder that a chapter shows: the site gets a copy at the same
/// relative path, so the page's `<img src>` finds it.
package struct ChapterImage: Hashable, Sendable {
    /// The path inside the chapters folder, which is also the path in the site: `images/x.png`.
    package var sitePath: String
    /// The file to copy, as diagnostics name it.
    package var sourcePath: String
    /// The chapter (file and position) that shows it first.
    package var reference: Diagnostic
}

/// Which images of a chapter the site copies, and the references it refuses.
///
/// An address with a scheme (`https:`, `data:`), a network path (`//host/x`) or a fragment alone is
/// not a file of the book and is left alone. Every other address is a path relative to the
/// chapters folder, which must stay inside it (symbolic links followed), name a file that is
/// there, and end in `.png`, `.jpg`, `.jpeg`, `.gif` or `.webp`. SVG is refused: an SVG file can
/// carry script, which an `<img>` does not run but a reader who opens the file by itself would,
/// with the site's origin.
enum ChapterImages {
    static let extensions: Set<String> = ["png", "jpg", "jpeg", "gif", "webp"]

    /// The images `document` (the file at `path`, in `folder`) shows, and a diagnostic at the
    /// address of each one it cannot.
    static func find(in document: MarkdownDocument, path: String, folder: String) -> (images: [ChapterImage], diagnostics: [Diagnostic]) {
        var images: [ChapterImage] = []
        var diagnostics: [Diagnostic] = []
        for reference in document.images {
            let at = Diagnostic(file: path, line: reference.position.line, column: reference.position.column, message: "")
            switch image(reference.url, folder: folder) {
            case .none: continue
            case .some(.success(let sitePath)):
                var found = at
                found.message = "the image \(sitePath)"
                images.append(ChapterImage(sitePath: sitePath, sourcePath: "\(folder)/\(sitePath)", reference: found))
            case .some(.failure(let problem)):
                var diagnostic = at
                diagnostic.message = problem.message
                diagnostics.append(diagnostic)
            }
        }
        return (images, diagnostics)
    }

    struct Problem: Error { var message: String }

    /// The path inside the folder that `url` names, nil for an address that is not a file of the
    /// book, or why it cannot be copied.
    static func image(_ url: String, folder: String) -> Result<String, Problem>? {
        if url.isEmpty || url.hasPrefix("#") || url.hasPrefix("//") || hasScheme(url) { return nil }
        var raw = Substring(url)
        if let cut = raw.firstIndex(where: { $0 == "?" || $0 == "#" }) { raw = raw[..<cut] }
        let decoded = raw.removingPercentEncoding ?? String(raw)
        if decoded.hasPrefix("/") {
            return .failure(Problem(message: "the image '\(decoded)' is an absolute path: write its path relative to the chapters folder (images/x.png)"))
        }
        var parts: [String] = []
        for part in decoded.split(separator: "/") where part != "." {
            if part == ".." {
                guard !parts.isEmpty else {
                    return .failure(Problem(message: "the image '\(decoded)' is outside the chapters folder: a chapter can show only images inside it"))
                }
                parts.removeLast()
            } else {
                parts.append(String(part))
            }
        }
        let sitePath = parts.joined(separator: "/")
        let kind = (parts.last.map { URL(fileURLWithPath: $0).pathExtension } ?? "").lowercased()
        if kind == "svg" {
            return .failure(Problem(message: "the image '\(decoded)' is SVG, which can carry script that runs when the file is opened by itself: use PNG, JPEG, GIF or WebP"))
        }
        guard extensions.contains(kind) else {
            return .failure(Problem(message: "the image '\(decoded)' is not a .png, .jpg, .jpeg, .gif or .webp file, the kinds the site copies"))
        }
        let file = "\(folder)/\(sitePath)"
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), !isDirectory.boolValue else {
            return .failure(Problem(message: "the image '\(decoded)' is not there: no file \(file)"))
        }
        let target = URL(fileURLWithPath: file).resolvingSymlinksInPath().standardizedFileURL.path
        let root = URL(fileURLWithPath: folder).resolvingSymlinksInPath().standardizedFileURL.path
        guard target.hasPrefix(root.hasSuffix("/") ? root : root + "/") else {
            return .failure(Problem(message: "the image '\(decoded)' leads to \(target), outside the chapters folder: copy the file into the folder"))
        }
        return .success(sitePath)
    }

    /// Whether `url` starts with a scheme: a letter, then letters, digits, `+`, `-` or `.`, then `:`.
    private static func hasScheme(_ url: String) -> Bool {
        guard let colon = url.firstIndex(of: ":"), let first = url.first, first.isASCII, first.isLetter else { return false }
        return url[..<colon].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
    }
}
