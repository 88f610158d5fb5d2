/// Who printed a line, as the tag of a `lanes` example's `print` says (``LaneTag``): the thread,
/// the task and the actor. Raw identities, stable within one run only: the page names them by
/// first appearance ("pool thread 2", "task 1", "Counter #1").
package struct LineOrigin: Codable, Hashable, Sendable {
    /// The thread's id (`gettid`).
    package var thread: Int
    /// True on the program's main thread.
    package var mainThread: Bool
    /// The thread's name (`pthread_getname_np`), empty when it has none.
    package var threadName: String
    /// The current task's identity; nil outside any task.
    package var task: String?
    /// The actor the `print` was isolated to; nil for none.
    package var actor: Actor?

    /// An actor by identity, or the main actor.
    package struct Actor: Codable, Hashable, Sendable {
        /// The actor's identity; nil for the main actor.
        package var id: String?
        /// The actor's type name ("Counter"); "MainActor" for the main actor.
        package var type: String

        package init(id: String?, type: String) {
            self.id = id
            self.type = type
        }

        package var isMain: Bool { id == nil }
    }

    package init(thread: Int, mainThread: Bool, threadName: String = "", task: String? = nil, actor: Actor? = nil) {
        self.thread = thread
        self.mainThread = mainThread
        self.threadName = threadName
        self.task = task
        self.actor = actor
    }
}
