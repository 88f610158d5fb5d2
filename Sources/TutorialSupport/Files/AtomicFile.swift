import Foundation

/// Files written whole or not at all.
package enum AtomicFile {
    /// Writes `contents` to `path` through a temporary file and a rename, so that a reader never
    /// sees half a file.
    package static func write(_ contents: Data, to path: String) throws {
        // Foundation writes a temporary file beside it and renames it into place.
        try contents.write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
