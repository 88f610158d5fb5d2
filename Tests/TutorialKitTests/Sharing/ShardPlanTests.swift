import Foundation
import Testing
@testable import TutorialBuild
@testable import TutorialSupport

/// `--shard K/N`: parsing, and how examples split into parts.
@Suite struct ShardPlanTests {
    @Test func parsesKOfNAndRefusesAnythingElse() throws {
        let shard = try Shard(parsing: "2/3")
        #expect(shard.index == 2 && shard.count == 3)
        #expect(shard.description == "2/3")
        for bad in ["0/3", "4/3", "x", "1/0", "-1/3", "1/3/4", "/3", "1/", "", " 1/3"] {
            #expect(throws: ShardError.self, "\(bad)") { try Shard(parsing: bad) }
        }
        #expect(ShardError(text: "4/3").description.contains("1 <= K <= N"))
    }

    @Test func everyExampleFallsToExactlyOnePartAndUntimedOnesNeverMove() {
        let names = (1...60).map { "example-\($0)" }
        let plan = ShardPlan(names: names, count: 4, times: [:])
        #expect(Set(plan.parts.keys) == Set(names))
        #expect(plan.parts.values.allSatisfy { (1...4).contains($0) })
        // The hash spreads them about evenly.
        let sizes = (1...4).map { part in plan.parts.values.filter { $0 == part }.count }
        #expect(sizes.allSatisfy { $0 >= 8 && $0 <= 22 }, "\(sizes)")
        let many = ShardPlan(names: (1...200).map { "chapter-\($0)" }, count: 4, times: [:])
        let manySizes = (1...4).map { part in many.parts.values.filter { $0 == part }.count }
        #expect(manySizes.allSatisfy { $0 >= 35 && $0 <= 65 }, "\(manySizes)")
        // Adding examples (and asking again) moves none of the others.
        let grown = ShardPlan(names: names + (1...30).map { "added-\($0)" }, count: 4, times: [:])
        for name in names { #expect(grown.parts[name] == plan.parts[name], "\(name) moved") }
        // Each shard's examples keep book order, and the shards cover the book once.
        let shards = (1...4).map { try! Shard(index: $0, count: 4) }
        let split = shards.map { plan.examples(names, in: $0) { $0 } }
        #expect(split.flatMap { $0 }.sorted() == names.sorted())
        for part in split { #expect(part == names.filter { part.contains($0) }) }
    }

    @Test func knownTimesBalanceTheParts() {
        // Two long examples and many short ones: hashing alone could put both long ones together.
        let names = ["long-a", "long-b"] + (1...20).map { "short-\($0)" }
        var times = Dictionary(uniqueKeysWithValues: names.map { ($0, 1.0) })
        times["long-a"] = 20
        times["long-b"] = 20
        let plan = ShardPlan(names: names, count: 2, times: times)
        #expect(plan.parts["long-a"] != plan.parts["long-b"])
        let loads = (1...2).map { part in names.filter { plan.parts[$0] == part }.map { times[$0]! }.reduce(0, +) }
        #expect(abs(loads[0] - loads[1]) <= 1)
        // The same timings give the same split on every machine.
        #expect(ShardPlan(names: names.reversed(), count: 2, times: times).parts == plan.parts)
    }

    @Test func sha256MatchesTheStandardVectors() {
        #expect(SHA256Digest.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256Digest.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256Digest.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256Digest.hex(Data(repeating: 0x61, count: 1_000_000))
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func theCacheKeyNamesThePlatform() {
        #expect(Platform.identity.contains("-"))
        #if os(Linux)
        #expect(Platform.identity.contains("linux"))
        #endif
    }
}
