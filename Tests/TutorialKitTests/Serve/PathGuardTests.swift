import TestSupport
import Foundation
import Testing
@testable import TutorialServe

/// The preview server's path guard: every spelling of "go up" stays inside the site, including
/// a sibling folder whose name starts with the site's.
@Suite struct PathGuardTests {
    /// A site folder, a sibling `site-other` holding a secret, and the root they share.
    func folders() throws -> (site: URL, secret: URL) {
        let parent = try TestSupport.temporaryDirectory("guard")
        let site = parent.appendingPathComponent("site")
        let other = parent.appendingPathComponent("site-other")
        for folder in [site, other, site.appendingPathComponent("sub")] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        try "home".write(to: site.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
        try "page".write(to: site.appendingPathComponent("a b.html"), atomically: true, encoding: .utf8)
        try "sub".write(to: site.appendingPathComponent("sub/index.html"), atomically: true, encoding: .utf8)
        let secret = other.appendingPathComponent("secret.txt")
        try "secret".write(to: secret, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            at: site.appendingPathComponent("link.txt"), withDestinationURL: secret)
        return (site, secret)
    }

    @Test(arguments: [
        "/../site-other/secret.txt",
        "/%2e%2e/site-other/secret.txt",
        "/%2E%2E/site-other/secret.txt",
        "/..%2fsite-other%2fsecret.txt",
        "/%2e%2e%2fsite-other%2fsecret.txt",
        "/sub/../../site-other/secret.txt",
        "/sub/%2e%2e/%2e%2e/site-other/secret.txt",
        "/%252e%252e/site-other/secret.txt",
        "/%25252e%25252e/site-other/secret.txt",
        "/..\\site-other\\secret.txt",
        "/%2e%2e%5csite-other%5csecret.txt",
        "//../site-other/secret.txt",
        "/./../site-other/secret.txt",
        "/../../../../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/link.txt",
        "/index.html%00.txt",
        "../site-other/secret.txt",
        "site-other/secret.txt",
        "http://127.0.0.1/../site-other/secret.txt",
    ])
    func pathsThatLeaveTheSiteAreRefused(path: String) throws {
        let (site, secret) = try folders()
        // A target naming the secret's absolute path must not reach it either.
        #expect(PreviewServer.file(for: secret.path, root: site) == nil)
        #expect(PreviewServer.file(for: "/" + secret.path, root: site) == nil)
        #expect(PreviewServer.file(for: path, root: site) == nil, "\(path) was served")
    }

    @Test func pathsInsideTheSiteAreServed() throws {
        let (site, _) = try folders()
        let real = site.resolvingSymlinksInPath().path
        #expect(PreviewServer.file(for: "/", root: site)?.path == "\(real)/index.html")
        #expect(PreviewServer.file(for: "/index.html?x=1#top", root: site)?.path == "\(real)/index.html")
        #expect(PreviewServer.file(for: "/a%20b.html", root: site)?.path == "\(real)/a b.html")
        #expect(PreviewServer.file(for: "/sub/", root: site)?.path == "\(real)/sub/index.html")
        #expect(PreviewServer.file(for: "/sub", root: site)?.path == "\(real)/sub/index.html")
        #expect(PreviewServer.file(for: "/sub/./index.html", root: site)?.path == "\(real)/sub/index.html")
        #expect(PreviewServer.file(for: "/missing.html", root: site) == nil)
    }
}
