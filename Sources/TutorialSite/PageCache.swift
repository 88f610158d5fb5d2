import Foundation
import TutorialExecution
import TutorialSupport

/// Rendered pages kept between builds, by a key of everything they show, so that a build renders
/// (and highlights) only the pages whose chapter, examples' results or navigation changed. Each
/// entry holds its hash (``CheckedEntry``): a page cut short or changed is rendered again.
package struct PageCache: Sendable {
    var folder: String

    package init(cache: ProgramCache) {
        folder = "\(cache.root)/pages"
    }

    /// The page kept under `key`, if it is there and whole.
    func page(_ key: String) -> Data? {
        FileManager.default.contents(atPath: "\(folder)/\(key).html").flatMap(CheckedEntry.open)
    }

    func store(_ page: Data, key: String) {
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // No flush: an entry cut short by a crash fails its hash and is rendered again.
        try? UnsyncedFile.replace(CheckedEntry.seal(page), at: "\(folder)/\(key).html")
    }

    /// Removes the pages no longer used.
    package func prune(keeping keys: Set<String>) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasSuffix(".html") && !keys.contains(String(name.dropLast(5))) {
            try? FileManager.default.removeItem(atPath: "\(folder)/\(name)")
        }
    }

    /// The page, from the cache or made now by `render` (and kept).
    package func page(_ key: String, render: () -> Data) -> Data {
        if let page = page(key) { return page }
        let page = render()
        store(page, key: key)
        return page
    }
}
