import TestSupport
import Foundation
import Testing

/// `--cpus N` runs each example on N of the tool's cores, and, where the tool may give runs
/// mount namespaces of their own (as root), makes that all its programs see: Swift's pool is
/// as wide as on an N-core machine. A program cannot widen its cores (a cpuset group holds
/// them) nor rewrite what it sees. Results on fewer cores are kept apart from those on all.
@Suite struct CoreLimitTests {
    /// The first core of this process's affinity, and how many it has.
    static let ownCores: (first: String, count: Int) = {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let list = status.split(separator: "\n").first { $0.hasPrefix("Cpus_allowed_list:") }
            .map { String($0.dropFirst(18)).trimmingCharacters(in: .whitespaces) } ?? ""
        var cores: [Int] = []
        for part in list.split(separator: ",") {
            let bounds = part.split(separator: "-").compactMap { Int($0) }
            if let low = bounds.first { cores += Array(low...(bounds.last ?? low)) }
        }
        return (cores.first.map(String.init) ?? "0", cores.count)
    }()

    /// Whether a cpuset group can hold a run's cores here: the v1 cpuset hierarchy (or cgroup2
    /// with the cpuset controller), writable.
    static let cpusetAvailable: Bool = {
        guard let membership = try? String(contentsOfFile: "/proc/self/cgroup", encoding: .utf8) else { return false }
        for line in membership.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3 else { continue }
            let folder: String
            if parts[1].split(separator: ",").contains("cpuset") {
                folder = "/sys/fs/cgroup/cpuset" + parts[2]
            } else if parts[0] == "0" {
                folder = (EscapeAndLimitTests.unifiedMount() ?? "/sys/fs/cgroup") + parts[2]
                let controllers = (try? String(contentsOfFile: "\(folder)/cgroup.controllers", encoding: .utf8)) ?? ""
                guard controllers.split(separator: " ").contains("cpuset") else { continue }
            } else {
                continue
            }
            if access(folder, W_OK) == 0 { return true }
        }
        return false
    }()

    func lines(_ book: URL) throws -> [String: String] {
        let html = try String(contentsOf: book.appendingPathComponent("site/cores.html"), encoding: .utf8)
        var values: [String: String] = [:]
        for line in TestSupport.preTexts(html).joined(separator: "\n").split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2 { values[String(parts[0])] = parts[1].trimmingCharacters(in: .whitespaces) }
        }
        return values
    }

    @Test func aRunOnOneCoreUsesAndSeesOneCore() throws {
        let book = try TestSupport.copyFixture("cores")
        let one = try ToolProcess.run(["build", "--cpus", "1"], in: book)
        #expect(one.status == 0, "\(one.stderr)")
        let seen = try lines(book)
        #expect(seen["allowed"] == Self.ownCores.first, "\(seen)")
        if RunLimitTests.privateMountsAvailable || RunLimitTests.inCI {
            #expect(seen["pool threads"] == "1", "\(seen)")
            #expect(seen["online"] == "0", "\(seen)")
            #expect(seen["active"] == "1", "\(seen)")
            #expect(seen["write online"] == "refused", "\(seen)")
        } else {
            #expect(one.stderr.contains("warning: --cpus 1: runs go on 1 of this machine's cores"), "\(one.stderr)")
        }
        if Self.cpusetAvailable || RunLimitTests.inCI {
            #expect(seen["widened"] == Self.ownCores.first, "\(seen)")
        }

        // On all cores the run is another: its result is kept apart, and each is reused.
        let all = try ToolProcess.run(["build"], in: book)
        #expect(all.status == 0 && all.stderr.contains("1 run, 0 cached"), "\(all.stderr)")
        let wide = try lines(book)
        let online = try String(contentsOfFile: "/sys/devices/system/cpu/online", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(wide["online"] == online, "\(wide)")
        let again = try ToolProcess.run(["build", "--cpus", "1"], in: book)
        #expect(again.status == 0 && again.stderr.contains("0 run, 1 cached"), "\(again.stderr)")
        #expect(try lines(book) == seen)
    }

    @Test func moreCoresThanTheToolHasOrNoneAreRefused() throws {
        let book = try TestSupport.copyFixture("cores")
        for value in ["0", String(Self.ownCores.count + 1)] {
            let result = try ToolProcess.run(["check", "--cpus", value], in: book)
            #expect(result.status == 64, "\(result.stderr)")
            #expect(result.stderr.contains(
                "--cpus must be between 1 and \(Self.ownCores.count) (the cores this process may use), not \(value)"), "\(result.stderr)")
        }
    }
}
