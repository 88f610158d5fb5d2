import Testing
@testable import TutorialServe

/// Every kind of image a chapter may show is served with its own type, so a served page shows it
/// as the static site does.
@Suite struct ContentTypeTests {
    @Test func chapterImagesAreServedAsImages() {
        #expect(PreviewServer.contentType("png") == "image/png")
        #expect(PreviewServer.contentType("jpg") == "image/jpeg")
        #expect(PreviewServer.contentType("jpeg") == "image/jpeg")
        #expect(PreviewServer.contentType("gif") == "image/gif")
        #expect(PreviewServer.contentType("webp") == "image/webp")
        #expect(PreviewServer.contentType("exe") == "application/octet-stream")
    }
}
