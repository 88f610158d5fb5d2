import Foundation
import TutorialModel
import TutorialExecution

/// The machine the outputs came from, shown at the foot of every page (the theme's `machine`),
/// so that a learner can compare it with the machine they run the examples on: the compiler,
/// the flags, the CPU and its cores, the kernel and the build's date. It is part of every page's
/// cache key (``SiteRenderer/navigationKey(_:)``), so a page never shows a stale one.
package struct MachineInfo: Hashable, Sendable {
    /// The first line of `swiftc --version`.
    var compiler: String
    /// The flags every example is compiled with.
    var flags: String
    /// The CPU's model name.
    var cpu: String
    /// The cores the build could use.
    var cores: Int
    /// The kernel's name and release (`uname -sr`).
    var kernel: String
    /// The day the site was built, UTC, as `yyyy-MM-dd`.
    var date: String

    package init(compiler: String, flags: String, cpu: String, cores: Int, kernel: String, date: String) {
        self.compiler = compiler
        self.flags = flags
        self.cpu = cpu
        self.cores = cores
        self.kernel = kernel
        self.date = date
    }

    /// This machine, found once per process; `compilerVersion` is what `swiftc --version` printed
    /// (the cache key's, asked once and kept in the cache), of which the first line is shown; the
    /// date is today's.
    package static func current(compilerVersion: String) -> MachineInfo {
        var machine = found
        machine.compiler = compilerVersion.split(separator: "\n").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        if machine.compiler.isEmpty { machine.compiler = "unknown swiftc" }
        machine.date = today()
        return machine
    }

    private static let found = MachineInfo(
        compiler: "", flags: (["swiftc"] + Compiler.defaultFlags).joined(separator: " "),
        cpu: cpuModel(), cores: ProcessInfo.processInfo.activeProcessorCount, kernel: kernelName(), date: "")

    /// Every field, for the page cache's key.
    var key: String {
        [compiler, flags, cpu, String(cores), kernel, date].joined(separator: "\n")
    }

    /// The template's view of it.
    var context: [String: Any] {
        ["compiler": compiler, "flags": flags, "cpu": cpu, "cores": cores, "kernel": kernel, "date": date,
         "wordFlags": Self.wordFlags]
    }

    /// The flags cell words add, from the registry, each with the word the output then shows
    /// and the separator before it in the footer's sentence ("", ", ", " or ").
    static var wordFlags: [[String: String]] {
        let words = CellWordRegistry.footerFlags
        return words.enumerated().map { index, word in
            let separator = index == 0 ? "" : index == words.count - 1 ? " or " : ", "
            return ["separator": separator, "flags": word.flags, "caption": word.caption]
        }
    }

    static func today() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date())
    }

    /// The `model name` of `/proc/cpuinfo`, or the architecture.
    static func cpuModel(cpuinfo: String? = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) -> String {
        for line in (cpuinfo ?? "").split(separator: "\n") where line.hasPrefix("model name") {
            if let colon = line.firstIndex(of: ":") {
                let model = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                if !model.isEmpty { return model.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
            }
        }
        #if arch(x86_64)
        return "x86_64"
        #elseif arch(arm64)
        return "arm64"
        #else
        return "unknown CPU"
        #endif
    }

    /// The kernel's name and release, from `/proc/sys/kernel`.
    static func kernelName() -> String {
        func read(_ name: String) -> String? {
            (try? String(contentsOfFile: "/proc/sys/kernel/\(name)", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        if let type = read("ostype"), let release = read("osrelease") { return "\(type) \(release)" }
        return ProcessInfo.processInfo.operatingSystemVersionString
    }
}
