import Foundation

/// What a compiled program is bound to beyond the compiler: the target triple (the tool compiles
/// for the machine it runs on) and the operating system with its release. It is part of every
/// cache key, so a program compiled on one platform is never fetched, from a shared cache, on
/// another.
package enum Platform {
    /// `x86_64-unknown-linux-gnu debian 12`, or the like.
    package static let identity: String = "\(triple) \(release)"

    static var triple: String {
        #if arch(x86_64)
        let arch = "x86_64"
        #elseif arch(arm64)
        let arch = "aarch64"
        #else
        let arch = "unknown-arch"
        #endif
        #if os(Linux)
        return "\(arch)-unknown-linux-gnu"
        #elseif os(macOS)
        return "\(arch)-apple-macosx"
        #else
        return "\(arch)-unknown-unknown"
        #endif
    }

    /// The distribution and its version from `/etc/os-release` (ID and VERSION_ID) on Linux,
    /// the system's version elsewhere.
    static var release: String {
        #if os(Linux)
        guard let text = try? String(contentsOfFile: "/etc/os-release", encoding: .utf8) else { return "linux" }
        var fields: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { fields[parts[0]] = parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        }
        return "\(fields["ID"] ?? "linux") \(fields["VERSION_ID"] ?? "")"
        #else
        let version = ProcessInfo.processInfo.operatingSystemVersion
        return "\(version.majorVersion).\(version.minorVersion)"
        #endif
    }
}
