/// How the book's dependencies are built for an example: as its own compile is (debug or
/// `optimize`, with or without `tsan`). Each flavour is a build of its own, keyed apart.
public struct DependencyFlavour: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// `swift build -c release`, for examples compiled with `-O`.
    package var release: Bool
    /// `swift build --sanitize=thread`, for examples compiled with `-sanitize=thread`.
    package var threadSanitizer: Bool

    package init(release: Bool = false, threadSanitizer: Bool = false) {
        self.release = release
        self.threadSanitizer = threadSanitizer
    }

    /// The flavour an example compiled with `flags` (its cells' words) needs.
    package init(compileFlags flags: [String]) {
        self.init(release: flags.contains("-O"), threadSanitizer: flags.contains("-sanitize=thread"))
    }

    /// The configuration folder SwiftPM builds into.
    var configuration: String { release ? "release" : "debug" }

    /// What `swift build` is given for this flavour.
    var buildArguments: [String] {
        ["-c", configuration] + (threadSanitizer ? ["--sanitize=thread"] : [])
    }

    /// `debug`, `release`, `debug+tsan`: how messages and the summary name it.
    public var description: String { configuration + (threadSanitizer ? "+tsan" : "") }

    public static func < (left: DependencyFlavour, right: DependencyFlavour) -> Bool {
        (left.release ? 1 : 0, left.threadSanitizer ? 1 : 0) < (right.release ? 1 : 0, right.threadSanitizer ? 1 : 0)
    }
}
