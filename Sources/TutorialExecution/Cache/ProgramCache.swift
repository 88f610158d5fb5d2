import Foundation
import TutorialModel
import TutorialSupport

/// The folder holding generated sources and compiled programs, one subfolder per example and
/// source version, so that an unchanged example is never compiled twice.
public struct ProgramCache: Sendable {
    public var root: String

    package init(root: String) {
        self.root = root
    }

    /// The default cache folder for a chapters folder: `.tutorial-cache` beside it.
    package static func defaultRoot(forChapters chapters: String) -> String {
        let url = URL(fileURLWithPath: chapters).standardizedFileURL.deletingLastPathComponent()
        return url.appendingPathComponent(".tutorial-cache").path
    }

    /// Where the program with the given key lives. The key alone names it: an example whose
    /// cells move in the file, or are renamed with their line, keeps its program.
    func programDirectory(key: String) -> String {
        "\(root)/programs/\(key)"
    }

    /// New folders for one run of `example`: the program's working folder, and the folder the
    /// Swift runtime writes crash reports to. Two runs never share them, and they are outside
    /// the cache (in the temporary folder, see ``ScratchFolder``), so that a program cannot
    /// rewrite cached results.
    func freshRunDirectories(example: String) throws -> (work: String, crashReports: String) {
        let name = example.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" }
        let run = try ScratchFolder.makeRunFolder(named: String(name))
        for folder in ["work", "crash-reports"] {
            try FileManager.default.createDirectory(atPath: "\(run)/\(folder)", withIntermediateDirectories: false)
        }
        return ("\(run)/work", "\(run)/crash-reports")
    }

    /// Moves the crash report of a run, if there is one, to `crash-reports/EXAMPLE.log`.
    func keepCrashReport(from folders: (work: String, crashReports: String), example: String) -> String? {
        guard let name = try? FileManager.default.contentsOfDirectory(atPath: folders.crashReports).sorted().last else {
            return nil
        }
        let kept = "\(root)/crash-reports/\(example).log"
        try? FileManager.default.createDirectory(atPath: "\(root)/crash-reports", withIntermediateDirectories: true)
        try? FileManager.default.removeItem(atPath: kept)
        guard (try? FileManager.default.moveItem(atPath: "\(folders.crashReports)/\(name)", toPath: kept)) != nil else { return nil }
        return kept
    }

    /// Removes a run's folders.
    func removeRunDirectories(_ folders: (work: String, crashReports: String)) {
        // The tool's folder of runs goes with its last run (a later run makes a new one).
        ScratchFolder.removeRunFolder(URL(fileURLWithPath: folders.work).deletingLastPathComponent().path)
    }

    /// Removes the programs (and their results) whose key is not in `keys`: versions of
    /// examples that changed since.
    package func prune(keeping keys: Set<String>) {
        let folder = "\(root)/programs"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where !keys.contains(name) && name.count == 64 && name.allSatisfy(\.isHexDigit) {
            try? FileManager.default.removeItem(atPath: "\(folder)/\(name)")
        }
    }

    /// What `clean` did.
    public enum Cleaned: Equatable, Sendable {
        /// There was no cache folder.
        case nothing
        /// The cache folder is a symbolic link to `target`, which does not exist: nothing was
        /// removed, the link stays.
        case danglingLink(target: String)
        /// The cache folder was removed; it held this many bytes.
        case removed(bytes: Int)
        /// The cache folder is a symbolic link: the folder it leads to (`target`) was emptied,
        /// and the link and that folder were left in place.
        case emptiedThroughLink(target: String, bytes: Int)
    }

    /// Empties the cache, if its folder is the tool's (empty, or tagged as its cache): removes
    /// the folder, or, when the folder is a symbolic link, empties the folder it leads to.
    public func clean(shownAs name: String) throws -> Cleaned {
        let manager = FileManager.default
        let isLink = (try? manager.attributesOfItem(atPath: root))?[.type] as? FileAttributeType == .typeSymbolicLink
        guard manager.fileExists(atPath: root) else {
            guard isLink, let target = try? manager.destinationOfSymbolicLink(atPath: root) else { return .nothing }
            return .danglingLink(target: target)
        }
        let folder = isLink ? ResolvedPath.of(root) : root
        try OwnedFolder.checkReplaceable(folder, kind: .cache, shownAs: name)
        var bytes = 0
        if let files = manager.enumerator(atPath: folder) {
            for case let file as String in files {
                bytes += (try? manager.attributesOfItem(atPath: "\(folder)/\(file)")[.size] as? NSNumber)?.intValue ?? 0
            }
        }
        guard isLink else {
            try manager.removeItem(atPath: root)
            return .removed(bytes: bytes)
        }
        for entry in try manager.contentsOfDirectory(atPath: folder) {
            try manager.removeItem(atPath: "\(folder)/\(entry)")
        }
        return .emptiedThroughLink(target: folder, bytes: bytes)
    }
}
