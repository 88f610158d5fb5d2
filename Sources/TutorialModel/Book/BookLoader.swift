import Foundation
import TutorialSupport

/// Reads a folder of Markdown chapters into a ``Book``.
package struct BookLoader: Sendable {
    var chaptersDirectory: String
    var parser: MarkdownParser

    package init(chaptersDirectory: String) {
        self.chaptersDirectory = chaptersDirectory
        self.parser = MarkdownParser(takesOver: { BlockRole(of: $0) != .shown })
    }

    /// The name of the optional file that introduces the book on its index page.
    static let introductionFile = "index.md"

    /// Loads every chapter. Problems with single chapters are returned as diagnostics (the
    /// chapter is left out); a folder that cannot be read, or holds no chapter, throws.
    package func load() throws(DiagnosticsError) -> (book: Book, diagnostics: [Diagnostic]) {
        let folder = Self.displayPath(chaptersDirectory)
        let names = try markdownFiles()

        var diagnostics: [Diagnostic] = []
        var chapters: [Chapter] = []
        var introduction: MarkdownDocument?
        var introductionHash = ""
        var slugs: [String: String] = [:]
        var images: [String: ChapterImage] = [:]
        func findImages(_ document: MarkdownDocument, path: String) {
            let found = ChapterImages.find(in: document, path: path, folder: folder)
            for image in found.images where images[image.sitePath] == nil { images[image.sitePath] = image }
            diagnostics += found.diagnostics
        }
        for name in names {
            let path = "\(folder)/\(name)"
            if let problem = ChapterLinks.problem(path: path, folder: folder) {
                diagnostics.append(problem)
                continue
            }
            if name == Self.introductionFile {
                do {
                    let text = try Self.readText(path)
                    introduction = parser.parse(text)
                    introductionHash = Self.hash(text)
                    findImages(introduction!, path: path)
                } catch {
                    diagnostics.append(error)
                }
                continue
            }
            guard let fileName = ChapterFileName(name) else {
                diagnostics.append(Diagnostic(
                    file: path,
                    message: "a chapter's file name must look like NN-slug.md (digits, a dash, then letters, digits, - or _)"))
                continue
            }
            if ReservedPageNames.isReserved(fileName.slug) {
                diagnostics.append(Diagnostic(file: path, message: ReservedPageNames.message(fileName.slug)))
                continue
            }
            if let other = slugs[fileName.slug] {
                diagnostics.append(Diagnostic(
                    file: path,
                    message: "two chapters are named '\(fileName.slug)': this one and \(other); rename one"))
                continue
            }
            do {
                let text = try Self.readText(path)
                let document = parser.parse(text)
                findImages(document, path: path)
                slugs[fileName.slug] = path
                chapters.append(Chapter(
                    path: path, number: fileName.number, slug: fileName.slug,
                    title: document.title ?? fileName.slug, document: document, sourceHash: Self.hash(text)))
            } catch {
                diagnostics.append(error)
            }
        }
        if chapters.isEmpty {
            throw DiagnosticsError(diagnostics + [Self.noChapter(folder)])
        }
        let title = introduction?.title ?? Self.defaultTitle(folder)
        var book = Book(
            title: title, introduction: introduction, introductionHash: introductionHash,
            chapters: chapters, chaptersDirectory: folder)
        book.images = images.values.sorted { $0.sitePath < $1.sitePath }
        return (book, diagnostics)
    }

    /// The names of the folder's `*.md` files, sorted; throws when the folder is missing, not a
    /// folder, unreadable, or holds none. Cheap: commands call it before they create anything
    /// (the cache, a lock), so that a mistaken `--chapters` leaves no trace.
    package func markdownFiles() throws(DiagnosticsError) -> [String] {
        let folder = Self.displayPath(chaptersDirectory)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) else {
            throw DiagnosticsError([Diagnostic(file: folder, message: "chapters folder not found")])
        }
        guard isDirectory.boolValue else {
            throw DiagnosticsError([Diagnostic(file: folder, message: "not a folder: pass the folder that holds the chapters")])
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".md") }.sorted()
        } catch {
            throw DiagnosticsError([Diagnostic(file: folder, message: "cannot read the chapters folder: \(Self.reason(error))")])
        }
        if names.isEmpty { throw DiagnosticsError([Self.noChapter(folder)]) }
        return names
    }

    private static func noChapter(_ folder: String) -> Diagnostic {
        Diagnostic(file: folder, message: "no chapter found: add files named like 01-introduction.md")
    }

    private static func hash(_ text: String) -> String {
        var hash = StableHash()
        hash.combine(text)
        return hash.hex
    }

    /// Reads a file as UTF-8, with a diagnostic naming the file (and line) when it cannot: bytes
    /// that are not UTF-8, a NUL byte, UTF-16.
    static func readText(_ path: String) throws(Diagnostic) -> String {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw Diagnostic(file: path, message: "cannot read the file: \(reason(error))")
        }
        // UTF-16 is named as such (its byte order mark alone is not UTF-8, and its ASCII
        // characters come with NUL bytes).
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            throw Diagnostic(file: path, line: 1, message: "the file is UTF-16, not UTF-8: save it as UTF-8")
        }
        // The Markdown parser reads C strings: a NUL would silently end the chapter there.
        let nul = data.withUnsafeBytes { buffer -> Int? in
            guard let base = buffer.baseAddress, let found = memchr(base, 0, buffer.count) else { return nil }
            return base.distance(to: UnsafeRawPointer(found))
        }
        if let nul {
            let line = data.prefix(nul).reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            throw Diagnostic(file: path, line: line, message: """
                the file holds a NUL byte, which a chapter cannot (is it UTF-16? save it as UTF-8)
                """)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw Diagnostic(file: path, line: firstInvalidUTF8Line(data), message: "the file is not valid UTF-8")
        }
        let hasCarriageReturn = data.withUnsafeBytes { $0.baseAddress.map { memchr($0, 0x0D, data.count) != nil } ?? false }
        return hasCarriageReturn ? text.replacingOccurrences(of: "\r\n", with: "\n") : text
    }

    /// The line holding the first byte sequence that is not UTF-8.
    private static func firstInvalidUTF8Line(_ data: Data) -> Int {
        var line = 1
        var bytes = data.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&bytes) {
            case .scalarValue(let scalar): if scalar == "\n" { line += 1 }
            case .emptyInput, .error: return line
            }
        }
    }

    /// The folder as diagnostics show it: relative to the working folder when it is inside it,
    /// so that messages (and the compiler's) name `chapters/01-x.md`, not a long absolute path.
    package static func displayPath(_ path: String) -> String {
        var path = path
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        let current = FileManager.default.currentDirectoryPath
        if path.hasPrefix("/"), path.hasPrefix(current + "/") {
            return String(path.dropFirst(current.count + 1))
        }
        return path
    }

    private static func defaultTitle(_ folder: String) -> String {
        let base = URL(fileURLWithPath: folder).standardizedFileURL.deletingLastPathComponent().lastPathComponent
        return base.isEmpty ? "Tutorial" : base
    }

    package static func reason(_ error: Error) -> String {
        if let error = error as? CocoaError, let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError {
            return underlying.localizedDescription
        }
        return (error as NSError).localizedDescription
    }
}

extension Diagnostic: Error {}
