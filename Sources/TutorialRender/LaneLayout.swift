import TutorialExecution
import TutorialModel

/// Which lane each line of an output block goes in, for `lanes`: lanes by thread, task or actor,
/// named by first appearance, the main thread or main actor first and the "other" lane (lines
/// that carried no tag) last. Beyond ``maximumLanes`` lanes, the rest share one lane.
struct LaneLayout {
    /// One lane: its name, shown and used as its `data-lane`, and the indices of its lines.
    struct Lane {
        var name: String
        var lines: [Int] = []
    }

    static let maximumLanes = 32
    static let otherName = "other"

    var lanes: [Lane] = []

    init(lines: [OutputLine], grouping: LanesWord.LaneGrouping) {
        var namer = LaneNamer(grouping: grouping)
        var index: [String: Int] = [:]
        var other = Lane(name: Self.otherName)
        var more = Lane(name: "")
        var moreKeys: Set<String> = []
        for (number, line) in lines.enumerated() {
            guard let origin = line.origin else {
                other.lines.append(number)
                continue
            }
            let key = namer.key(origin)
            if let existing = index[key] {
                lanes[existing].lines.append(number)
            } else if lanes.count < Self.maximumLanes {
                index[key] = lanes.count
                lanes.append(Lane(name: namer.name(origin, key: key), lines: [number]))
            } else {
                moreKeys.insert(key)
                more.lines.append(number)
            }
        }
        // The main thread or actor first, the others as they appeared.
        if grouping != .task, let main = lanes.firstIndex(where: { $0.name == LaneNamer.mainName(grouping) }), main > 0 {
            lanes.insert(lanes.remove(at: main), at: 0)
        }
        if !more.lines.isEmpty {
            more.name = "\(moreKeys.count) more \(grouping == .task ? "task" : grouping.rawValue)\(moreKeys.count == 1 ? "" : "s")"
            lanes.append(more)
        }
        if !other.lines.isEmpty { lanes.append(other) }
    }

    /// The lane of each line, by line index.
    var laneOfLine: [Int: Int] {
        var result: [Int: Int] = [:]
        for (lane, content) in lanes.enumerated() {
            for line in content.lines { result[line] = lane }
        }
        return result
    }
}

/// Names lanes by first appearance: "main thread", "pool thread 1", "thread 1", a thread's own
/// name; "top-level code", "task 1", "no task"; "main actor", "Counter #1", "nonisolated".
struct LaneNamer {
    let grouping: LanesWord.LaneGrouping
    private var counts: [String: Int] = [:]
    private var namesTaken: [String: Int] = [:]

    init(grouping: LanesWord.LaneGrouping) {
        self.grouping = grouping
    }

    static func mainName(_ grouping: LanesWord.LaneGrouping) -> String {
        switch grouping {
        case .thread: "main thread"
        case .task: "no task"
        case .actor: "main actor"
        }
    }

    /// What tells lanes apart.
    func key(_ origin: LineOrigin) -> String {
        switch grouping {
        case .thread: "thread \(origin.thread)"
        case .task: origin.task.map { "task \($0)" } ?? "no task"
        case .actor: origin.actor.map { $0.id.map { "actor \($0)" } ?? "main actor" } ?? "nonisolated"
        }
    }

    /// The name of a new lane, whose key is `key`.
    mutating func name(_ origin: LineOrigin, key: String) -> String {
        switch grouping {
        case .thread:
            if origin.mainThread { return Self.mainName(.thread) }
            if Self.isPoolThreadName(origin.threadName) { return numbered("pool thread") }
            if origin.threadName.isEmpty { return numbered("thread") }
            // Two threads of one name: the second is "name 2".
            namesTaken[origin.threadName, default: 0] += 1
            let count = namesTaken[origin.threadName]!
            return count == 1 ? origin.threadName : "\(origin.threadName) \(count)"
        case .task:
            if origin.task == LanesSupport.topLevelTask { return "top-level code" }
            return origin.task == nil ? Self.mainName(.task) : numbered("task")
        case .actor:
            guard let actor = origin.actor else { return "nonisolated" }
            return actor.isMain ? Self.mainName(.actor) : numbered("\(actor.type) #", separator: "")
        }
    }

    private mutating func numbered(_ prefix: String, separator: String = " ") -> String {
        counts[prefix, default: 0] += 1
        return "\(prefix)\(separator)\(counts[prefix]!)"
    }

    /// Whether a thread is one of Dispatch's worker threads, which also run Swift's global
    /// concurrent executor on Linux: Dispatch names them after its root queues
    /// (`com.apple.root.default-qos`, `….overcommit`), of which Linux keeps the last 15 bytes.
    static func isPoolThreadName(_ name: String) -> Bool {
        name.hasSuffix("-qos") || name.hasSuffix("-qos.overcommit") || name.hasSuffix(".overcommit")
    }
}
