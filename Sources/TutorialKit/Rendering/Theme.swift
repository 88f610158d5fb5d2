import Foundation

/// The templates and assets pages are made from, shipped as resources of the package.
public struct Theme: Sendable {
    /// The Mustache templates: `page.mustache` lays out every page.
    public static let templateNames = ["page.mustache"]
    /// Files copied into the site as they are.
    public static let assetNames = ["style.css"]

    /// File name to contents.
    public var files: [String: Data]
    /// Where each file came from, for diagnostics.
    private var origins: [String: String]

    /// The theme shipped with the tool.
    public static func builtIn() throws(DiagnosticsError) -> Theme {
        var theme = Theme(files: [:], origins: [:])
        for name in templateNames + assetNames {
            let url = Bundle.module.resourceURL?.appendingPathComponent("theme/\(name)")
            guard let url, let data = try? Data(contentsOf: url) else {
                throw DiagnosticsError([Diagnostic(file: name, message: "the tool's theme file is missing from its resources")])
            }
            theme.files[name] = data
            theme.origins[name] = url.path
        }
        return theme
    }

    func origin(of name: String) -> String {
        origins[name] ?? name
    }
}
