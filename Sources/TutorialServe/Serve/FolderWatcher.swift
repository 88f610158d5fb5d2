import Foundation

/// Notices changes in folders by comparing, a few times a second, the names, sizes and dates of
/// the files in them: simple, and the same on every system.
public struct FolderWatcher: Sendable {
    var folders: [String]

    public init(folders: [String]) {
        self.folders = folders
    }

    /// What the folders hold now, as one comparable value.
    func snapshot() -> [String: String] {
        var state: [String: String] = [:]
        for folder in folders {
            guard let files = FileManager.default.enumerator(atPath: folder) else { continue }
            for case let file as String in files where !file.hasPrefix(".") {
                let path = "\(folder)/\(file)"
                guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { continue }
                let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
                let date = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
                state[path] = "\(size) \(date)"
            }
        }
        return state
    }

    /// Calls `changed` each time the folders change, until the task is cancelled.
    public func watch(every interval: Duration = .milliseconds(300), changed: () async -> Void) async {
        var last = snapshot()
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            let now = snapshot()
            if now != last {
                // Let an editor finish writing (several files, or a rename) before building.
                try? await Task.sleep(for: .milliseconds(150))
                last = snapshot()
                await changed()
            }
        }
    }
}
