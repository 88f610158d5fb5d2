import Foundation

/// Chapter files that are symbolic links: one that leads outside the chapters folder (to
/// `/etc/passwd`, say) must not be published; one that leads to another file of the folder is
/// fine.
enum ChapterLinks {
    /// A diagnostic when `path` is a link whose target, all links followed, is not inside
    /// `folder` (itself with its links followed); nil otherwise.
    static func problem(path: String, folder: String) -> Diagnostic? {
        guard let type = try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType,
              type == .typeSymbolicLink else { return nil }
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
        let root = URL(fileURLWithPath: folder).resolvingSymlinksInPath().standardizedFileURL.path
        if target.hasPrefix(root.hasSuffix("/") ? root : root + "/") { return nil }
        return Diagnostic(
            file: path,
            message: "the chapter is a link to \(target), outside the chapters folder; copy the file into the folder instead")
    }
}
