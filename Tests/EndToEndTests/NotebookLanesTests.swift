import Foundation
import TestSupport
import Testing

/// A notebook run of a `lanes` example: its lines stream as printed, without their tags, and the
/// lanes are drawn when the run ends, as a build draws them.
@Suite(.serialized, .enabled(if: Tools.curl || Tools.inCI, "curl is not installed")) struct NotebookLanesTests {
    @Test func anEditedLanesExampleStreamsItsTextAndEndsWithItsLanes() throws {
        let server = try NotebookTests.Server(fixture: "lanes")
        #expect(server.url.contains("/#token="), "serve printed no address: \(server.startup)")
        let code = """
            actor Counter {
                func bump() { print("edited counter") }
            }
            print("edited top")
            await Counter().bump()
            await Task.detached { print("edited detached") }.value
            """
        let cells = try JSONSerialization.data(withJSONObject: ["example": "actors", "cells": ["0": code]])
        let answer = try NotebookTests.curl(
            ["-X", "POST"] + server.good + ["--data", String(decoding: cells, as: UTF8.self), "\(server.origin)/__tutorial/run"])
        #expect(answer.status == 200, "\(answer.body)")
        let events = answer.body.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        // Each line as printed, with no tag left in it.
        let lines = events.filter { $0["event"] as? String == "line" }.compactMap { $0["text"] as? String }
        #expect(lines == ["edited top", "edited counter", "edited detached"], "\(answer.body)")
        let done = try #require(events.first { $0["event"] as? String == "done" })
        let html = NotebookPipelineTests.places(done)
        #expect(LanesTests.marks(html) == [[0: "main actor", 1: "Counter #1", 2: "nonisolated"]], "\(html)")
        #expect(done["succeeded"] as? Bool == true, "\(done)")
    }
}
