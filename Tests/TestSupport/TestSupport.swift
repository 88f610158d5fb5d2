import Foundation

/// Paths and helpers shared by the unit and the end-to-end tests.
public enum TestSupport {
    /// The folder of fixture books (the end-to-end tests').
    public static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("EndToEndTests/Fixtures")

    /// A new empty folder, removed when the process ends... or left in /tmp for inspection.
    public static func temporaryDirectory(_ name: String = "test") throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("tutorial-tests-\(name)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Copies the fixture book `name` into a new folder and returns that folder.
    public static func copyFixture(_ name: String) throws -> URL {
        let destination = try temporaryDirectory(name)
        for item in try FileManager.default.contentsOfDirectory(atPath: fixtures.appendingPathComponent(name).path) {
            try FileManager.default.copyItem(
                at: fixtures.appendingPathComponent(name).appendingPathComponent(item),
                to: destination.appendingPathComponent(item))
        }
        return destination
    }

    /// The texts of the `<pre>` elements whose class list includes `className`, tags removed and
    /// entities decoded: what a browser shows.
    public static func preTexts(_ html: String, className: String = "output") -> [String] {
        let pattern = #"<pre class="([^"]*)"[^>]*>(.*?)</pre>"#
        let regex = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
        let range = NSRange(html.startIndex..., in: html)
        return regex.matches(in: html, range: range).compactMap { match in
            let classes = String(html[Range(match.range(at: 1), in: html)!]).split(separator: " ")
            guard classes.contains(Substring(className)) else { return nil }
            return textContent(String(html[Range(match.range(at: 2), in: html)!]))
        }
    }

    /// Removes tags and decodes the entities the renderer writes.
    public static func textContent(_ html: String) -> String {
        let withoutTags = html.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
        return withoutTags
            .replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
