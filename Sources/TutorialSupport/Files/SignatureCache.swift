import Foundation

/// A value that is slow to work out from some files (a compiler's `--version`, a hash of the
/// tool's own binary), kept in a small JSON file with the files' signature: their paths, sizes
/// and dates. It is worked out again only when the signature changes.
package struct SignatureCache {
    private struct Entry: Codable {
        var signature: String
        var value: String
    }

    /// The JSON file holding the value.
    package var path: String

    package init(path: String) {
        self.path = path
    }

    /// The value saved for `signature`, if that is the signature saved.
    package func value(for signature: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path),
              let entry = try? JSONDecoder().decode(Entry.self, from: data), entry.signature == signature else { return nil }
        return entry.value
    }

    /// Saves `value` for `signature`, creating the file's folder; a failure only costs the
    /// next process the work again.
    package func save(_ value: String, for signature: String) {
        guard let data = try? JSONEncoder().encode(Entry(signature: signature, value: value)) else { return }
        try? FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try? AtomicFile.write(data, to: path)
    }

    /// A file's signature: its path, size and modification date; nil when it cannot be read.
    package static func signature(of file: String) -> String? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: file),
              let size = attributes[.size] as? NSNumber,
              let date = attributes[.modificationDate] as? Date else { return nil }
        return "\(file) \(size.int64Value) \(date.timeIntervalSince1970)"
    }
}
