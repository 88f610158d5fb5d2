import Foundation
import TutorialModel
import TutorialSupport

/// The templates and assets pages are made from. The tool ships a theme as package resources; a
/// `theme/` folder beside the chapters folder overrides any of its files by name, and adds any
/// other file it holds to the site as is (images, fonts).
package struct Theme: Sendable {
    /// The Mustache templates: `page.mustache` lays out every page, `output.mustache` every
    /// output block.
    static let templateNames = ["page.mustache", "output.mustache"]
    /// Files copied into the site as they are.
    static let assetNames = ["style.css", "tutorial.js", "navigation.js"]

    /// File name to contents.
    var files: [String: Data]
    /// Where each file came from, for diagnostics.
    private var origins: [String: String]

    /// The theme shipped with the tool.
    static func builtIn() throws(DiagnosticsError) -> Theme {
        var theme = Theme(files: [:], origins: [:])
        for name in templateNames + assetNames {
            let url = ShippedResources.url("theme/\(name)")
            guard let url, let data = try? Data(contentsOf: url) else {
                throw DiagnosticsError([Diagnostic(file: name, message: "the tool's theme file is missing from its resources", category: .theme)])
            }
            theme.files[name] = data
            theme.origins[name] = url.path
        }
        return theme
    }

    /// The built-in theme with the files of `folder` (when it exists) in place of its own.
    package static func load(overrides folder: String) throws(DiagnosticsError) -> Theme {
        var theme = try builtIn()
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return theme }
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = "\(folder)/\(name)"
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw DiagnosticsError([Diagnostic(file: path, message: "cannot read the theme file", category: .theme)])
            }
            theme.files[name] = data
            theme.origins[name] = path
        }
        return theme
    }

    /// The files copied into the site: the assets and every extra file of the override folder.
    var siteFiles: [String: Data] {
        files.filter { !Theme.templateNames.contains($0.key) }
    }

    func origin(of name: String) -> String {
        origins[name] ?? name
    }
}
