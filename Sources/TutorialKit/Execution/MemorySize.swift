import Foundation

/// A number of bytes as the command line takes it ("2G", "200M", "512MiB", "1048576") and as
/// captions show it ("2 GiB", "200 MiB").
public struct MemorySize: Hashable, Sendable, CustomStringConvertible {
    public var bytes: Int

    /// The default per-process memory limit of a run: 2 GiB.
    public static let defaultLimit = MemorySize(bytes: 2 << 30)

    init(bytes: Int) {
        self.bytes = bytes
    }

    /// Parses a size: digits, then an optional unit K, M, G or T (powers of 1024; "KiB", "MB",
    /// "GiB" and lower case are accepted too). Nil for anything else.
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.prefix { $0.isNumber || $0 == "." }
        guard let value = Double(digits), value >= 0 else { return nil }
        var unit = trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces).uppercased()
        for suffix in ["IB", "B"] where unit.hasSuffix(suffix) && unit.count > suffix.count - 1 {
            unit = String(unit.dropLast(suffix.count))
            break
        }
        let shifts = ["": 0, "K": 10, "M": 20, "G": 30, "T": 40]
        guard let shift = shifts[unit] else { return nil }
        let bytes = value * Double(1 << shift)
        guard bytes < Double(Int.max / 2) else { return nil }
        self.bytes = Int(bytes)
    }

    public var description: String {
        for (shift, unit) in [(40, "TiB"), (30, "GiB"), (20, "MiB"), (10, "KiB")] where bytes >= 1 << shift {
            let value = Double(bytes) / Double(1 << shift)
            return value == value.rounded() ? "\(Int(value)) \(unit)" : "\((value * 10).rounded() / 10) \(unit)"
        }
        return "\(bytes) bytes"
    }
}
