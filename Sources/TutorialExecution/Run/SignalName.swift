import Glibc

/// Names of the signals a crashed program usually dies of.
enum SignalName {
    static func describe(_ signal: Int32) -> String {
        let name: String? = switch signal {
        case SIGILL: "SIGILL"
        case SIGTRAP: "SIGTRAP"
        case SIGABRT: "SIGABRT"
        case SIGBUS: "SIGBUS"
        case SIGFPE: "SIGFPE"
        case SIGKILL: "SIGKILL"
        case SIGSEGV: "SIGSEGV"
        case SIGTERM: "SIGTERM"
        case SIGINT: "SIGINT"
        case SIGPIPE: "SIGPIPE"
        default: nil
        }
        let meaning = strsignal(signal).map { String(cString: $0) } ?? "signal \(signal)"
        return name.map { "\($0) (\(meaning))" } ?? "signal \(signal) (\(meaning))"
    }
}
