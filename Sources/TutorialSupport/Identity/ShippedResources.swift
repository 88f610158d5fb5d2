import Foundation

/// The files shipped with the tool (the built-in theme, the notebook's script), kept in this
/// target so that the tool's identity can hash them and every layer can read them.
package enum ShippedResources {
    /// The folder that holds them.
    static var folder: URL? { Bundle.module.resourceURL }

    /// The shipped file at `path` (`theme/page.mustache`).
    package static func url(_ path: String) -> URL? {
        folder?.appendingPathComponent(path)
    }
}
