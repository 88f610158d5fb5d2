import TestSupport
import Foundation
import Testing

/// A small generated book for the sharding and remote cache tests, and what they compare.
enum SharingBook {
    /// `count` chapters of one quick cell each; the first also has a `compile_fail` cell, which
    /// forms an example of its own.
    static func make(chapters count: Int) throws -> URL {
        let book = try TestSupport.temporaryDirectory("sharing")
        let chapters = book.appendingPathComponent("chapters")
        try FileManager.default.createDirectory(at: chapters, withIntermediateDirectories: true)
        for number in 1...count {
            var text = "# Chapter \(number)\n\n```swift\nlet value = \(number) * 7\nprint(\"chapter \(number) says \\(value)\")\n```\n\n```\n```\n"
            if number == 1 {
                text += "\nThis one must not compile:\n\n```swift compile_fail\nlet broken: Int = \"text\"\n```\n"
            }
            try text.write(to: chapters.appendingPathComponent(String(format: "%02d-chapter%d.md", number, number)), atomically: true, encoding: .utf8)
        }
        return book
    }

    /// Every file of a site, pages with their timings taken out.
    static func files(of site: URL) throws -> [String: String] {
        var files: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: site.path)
        while let path = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: site.appendingPathComponent(path).path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            var text = String(decoding: try Data(contentsOf: site.appendingPathComponent(path)), as: UTF8.self)
            if path == "search-index.js" { text = try sortedKeys(text) }
            // The site's marker hashes the pages' bytes, times included: the files it lists count.
            if path == ".tutorial-site" { text = try listedFiles(text) }
            files[path] = GoldenPageTests.normalized(text)
                .replacingOccurrences(of: #"[0-9]+(\.[0-9]+)? (s|ms)\b"#, with: "N s", options: .regularExpression)
        }
        return files
    }

    /// The paths a site's marker lists, one a line.
    static func listedFiles(_ marker: String) throws -> String {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(marker.utf8)) as? [String: Any])
        let files = try #require(object["files"] as? [String: String])
        return files.keys.sorted().joined(separator: "\n")
    }

    /// The search index with its objects' keys sorted: their order changes from run to run.
    static func sortedKeys(_ script: String) throws -> String {
        let start = try #require(script.firstIndex(of: "["))
        let end = try #require(script.lastIndex(of: "]"))
        let value = try JSONSerialization.jsonObject(with: Data(script[start...end].utf8))
        let sorted = try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])
        return script[..<start] + String(decoding: sorted, as: UTF8.self) + script[script.index(after: end)...]
    }

    static func report(_ book: URL, _ name: String) throws -> CacheTests.Report {
        try JSONDecoder().decode(CacheTests.Report.self, from: Data(contentsOf: book.appendingPathComponent(name)))
    }
}
