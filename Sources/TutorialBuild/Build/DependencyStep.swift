import Foundation
import TutorialExecution
import TutorialModel

/// The step before any example compiles, in a book that declares SwiftPM packages: each
/// flavour of the dependency build its examples need (debug, `optimize`, `tsan`), built once or
/// taken from the cache. A failure stops the command: nothing compiles, nothing is written.
package enum DependencyStep {
    /// Builds the flavours `examples` need, one after another (SwiftPM uses every core), and
    /// returns how each went; throws the first failure, which names the declaration.
    package static func run(
        _ runner: ExampleRunner, examples: [Example], timeline: BuildTimeline? = nil,
        events: @escaping @Sendable (BuildEvent) -> Void = { _ in }
    ) async throws(DiagnosticsError) -> [DependencyBuild] {
        guard let dependencies = runner.dependencies else { return [] }
        let flavours = Set(examples.map { DependencyFlavour(compileFlags: Compiler.extraFlags(for: $0)) }).sorted()
        var builds: [DependencyBuild] = []
        for flavour in flavours {
            events(.buildingDependencies(flavour))
            let start = Date().timeIntervalSince1970
            let build = await dependencies.build(flavour)
            if !build.cached { timeline?.record("dependencies", flavour.description, since: start) }
            events(.builtDependencies(build))
            if let failure = build.failure { throw DiagnosticsError([failure]) }
            builds.append(build)
        }
        return builds
    }

    /// `dependencies: built debug in 84.6 s` or `dependencies: debug cached`: the summary's line.
    package static func summary(_ builds: [DependencyBuild]) -> String? {
        guard !builds.isEmpty else { return nil }
        return "dependencies: " + builds.map { build in
            build.fetched ? "\(build.flavour) fetched from the remote cache in \(Seconds.format(build.duration))"
                : build.cached ? "\(build.flavour) cached" : "built \(build.flavour) in \(Seconds.format(build.duration))"
        }.joined(separator: ", ")
    }
}
