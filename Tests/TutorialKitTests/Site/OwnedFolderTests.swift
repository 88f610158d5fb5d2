import TestSupport
import Foundation
import Testing
@testable import TutorialModel
@testable import TutorialSupport

/// What makes a folder the tool's to replace, and a cache entry fit to use.
@Suite struct OwnedFolderTests {
    func folder(_ files: [String: String]) throws -> String {
        let root = try TestSupport.temporaryDirectory("owned")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return root.path
    }

    func refusal(_ path: String, _ kind: OwnedFolder.Kind) -> String? {
        do {
            try OwnedFolder.checkReplaceable(path, kind: kind, shownAs: "out")
            return nil
        } catch {
            return error.diagnostics.map(\.message).joined(separator: "\n")
        }
    }

    @Test func aSiteIsReplaceableOnlyWhileItHoldsWhatItsMarkerLists() throws {
        let files = ["index.html": "<p>index</p>", "examples/a.swift": "print(1)\n"]
        let manifest = SiteManifest(files: files.mapValues { Data($0.utf8) })
        let site = try folder(files.merging([".tutorial-site": String(decoding: manifest.data, as: UTF8.self)]) { $1 })
        #expect(refusal(site, .site) == nil)

        try Data("<p>edited</p>".utf8).write(to: URL(fileURLWithPath: "\(site)/index.html"))
        try Data("mine".utf8).write(to: URL(fileURLWithPath: "\(site)/examples/notes.txt"))
        let message = try #require(refusal(site, .site))
        #expect(message.contains("(examples/notes.txt, index.html)"), "\(message)")
    }

    @Test func aMarkerThatListsNothingMakesNoSite() throws {
        for marker in ["", "{}", #"{"format":1,"files":{}}"#, "This folder was written by `tutorial build`.\n"] {
            let site = try folder([".tutorial-site": marker, "notes.txt": "mine"])
            let message = try #require(refusal(site, .site), "\(marker)")
            #expect(message.contains("lists no files") && message.contains(".tutorial-site, notes.txt"), "\(message)")
        }
        #expect(refusal(try folder([:]), .site) == nil)
    }

    @Test func onlyTheToolsOwnTagMakesACache() throws {
        let own = try folder(["CACHEDIR.TAG": String(decoding: OwnedFolder.cacheTag, as: UTF8.self), "programs/x": "x"])
        #expect(refusal(own, .cache) == nil)
        let cargo = try folder([
            "CACHEDIR.TAG": "Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by cargo.\n",
            "debug/app": "x",
        ])
        #expect(refusal(cargo, .cache)?.contains("was not written by tutorial") == true)
    }

    /// A marker that is a FIFO (a read would never end) or a link is no marker.
    @Test func aMarkerThatIsNoPlainFileIsNoMarker() throws {
        for kind in [OwnedFolder.Kind.site, .cache] {
            let fifo = try folder(["notes.txt": "mine"])
            #expect(mkfifo("\(fifo)/\(kind.markerName)", 0o644) == 0)
            #expect(refusal(fifo, kind) != nil)
            let linked = try folder(["notes.txt": "mine"])
            let tag = try folder(["CACHEDIR.TAG": String(decoding: OwnedFolder.cacheTag, as: UTF8.self)])
            try FileManager.default.createSymbolicLink(atPath: "\(linked)/\(kind.markerName)", withDestinationPath: "\(tag)/CACHEDIR.TAG")
            #expect(refusal(linked, kind) != nil)
        }
    }

    @Test func theEntriesHashIsSHA256() {
        #expect(SHA256Digest.hex(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func aCheckedEntryOpensOnlyWhole() {
        let page = Data("<html>a page</html>".utf8)
        let sealed = CheckedEntry.seal(page)
        #expect(CheckedEntry.open(sealed) == page)
        #expect(CheckedEntry.open(sealed.prefix(sealed.count - 1)) == nil)
        #expect(CheckedEntry.open(sealed + Data("<script>".utf8)) == nil)
        #expect(CheckedEntry.open(page) == nil)
        #expect(CheckedEntry.open(Data()) == nil)
        #expect(CheckedEntry.open(CheckedEntry.seal(Data())) == Data())
    }

    @Test func aChapterWithANulOrInUTF16IsRefusedAtItsLine() throws {
        let root = try TestSupport.temporaryDirectory("nul")
        let nul = root.appendingPathComponent("01-nul.md")
        try Data("# A\n\nb\0c\n".utf8).write(to: nul)
        #expect(throws: Diagnostic(file: nul.path, line: 3, message: "the file holds a NUL byte, which a chapter cannot (is it UTF-16? save it as UTF-8)")) {
            try BookLoader.readText(nul.path)
        }
        let bom = root.appendingPathComponent("02-bom.md")
        try Data([0xFE, 0xFF, 0x00, 0x41]).write(to: bom)
        #expect(throws: Diagnostic(file: bom.path, line: 1, message: "the file is UTF-16, not UTF-8: save it as UTF-8")) {
            try BookLoader.readText(bom.path)
        }
    }
}
