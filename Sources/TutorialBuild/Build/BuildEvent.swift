import TutorialCheck
import TutorialExecution
/// What a build reports as it goes, for progress displays.
public enum BuildEvent: Sendable {
    /// An example started compiling.
    case compiling(String)
    /// An example started running.
    case running(String)
    /// An example stopped compiling or running (what comes next may wait for its turn).
    case paused(String)
    /// An example is done: the `position`-th of `total`.
    case finished(ExampleVerdict, position: Int, total: Int)
    /// The book's dependencies started building in this flavour (or looking in the cache).
    case buildingDependencies(DependencyFlavour)
    /// The book's dependencies are built (or were cached), or failed to build.
    case builtDependencies(DependencyBuild)
}

/// Which examples run again even when the cache has their result.
public enum RerunPolicy: Sendable, Hashable {
    case none
    case all
    case only(Set<String>)

    func applies(to name: String) -> Bool {
        switch self {
        case .none: false
        case .all: true
        case .only(let names): names.contains(name)
        }
    }
}
