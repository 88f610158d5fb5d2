import Foundation

/// A number of bytes as the command line takes it ("2G", "200M", "512MiB", "1.5G", "1048576")
/// and as captions show it ("2 GiB", "200 MiB").
public struct MemorySize: Hashable, Sendable, CustomStringConvertible {
    public var bytes: Int

    /// The default memory limit of a run: 2 GiB.
    public static let defaultLimit = MemorySize(bytes: 2 << 30)
    /// The default disk limit of a run: 1 GiB.
    public static let defaultDiskLimit = MemorySize(bytes: 1 << 30)
    /// The smallest limit accepted (but 0, no limit): 1 MiB.
    public static let smallestLimit = MemorySize(bytes: 1 << 20)

    package init(bytes: Int) {
        self.bytes = bytes
    }

    /// Parses a size: digits, an optional fraction, then an optional unit K, M, G or T (powers
    /// of 1024; "KiB", "MB", "GiB" and lower case are accepted too). Nil for anything else,
    /// and for a size that is not a whole number of bytes ("0.5", "0.0001K").
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let whole = trimmed.prefix { $0.isASCII && $0.isNumber }
        var rest = trimmed.dropFirst(whole.count)
        var fraction = Substring("")
        if rest.first == "." {
            fraction = rest.dropFirst().prefix { $0.isASCII && $0.isNumber }
            rest = rest.dropFirst(1 + fraction.count)
        }
        guard !whole.isEmpty || !fraction.isEmpty, fraction.count <= 18 else { return nil }
        var unit = rest.trimmingCharacters(in: .whitespaces).uppercased()
        for suffix in ["IB", "B"] where unit.hasSuffix(suffix) && unit.count > suffix.count - 1 {
            unit = String(unit.dropLast(suffix.count))
            break
        }
        let shifts = ["": 0, "K": 10, "M": 20, "G": 30, "T": 40]
        guard let shift = shifts[unit], let wholeValue = Int(whole.isEmpty ? "0" : whole) else { return nil }
        // The fraction's bytes, exactly: digits * 2^shift / 10^count must be whole.
        let digits = Int(fraction.isEmpty ? "0" : fraction) ?? 0
        let scale = (0..<fraction.count).reduce(1) { product, _ in product * 10 }
        let (scaledFraction, fractionOverflow) = digits.multipliedReportingOverflow(by: 1 << shift)
        let (scaledWhole, wholeOverflow) = wholeValue.multipliedReportingOverflow(by: 1 << shift)
        guard !fractionOverflow, !wholeOverflow, scaledFraction % scale == 0 else { return nil }
        let (bytes, sumOverflow) = scaledWhole.addingReportingOverflow(scaledFraction / scale)
        guard !sumOverflow, bytes < Int.max / 2 else { return nil }
        self.bytes = bytes
    }

    /// Parses the value of a limit option (`--memory-limit`, `--disk-limit`): 0 for no limit, or
    /// a whole number of bytes of at least 1 MiB. Throws a message naming the option otherwise.
    public static func limit(_ text: String, option: String) throws(LimitOptionError) -> MemorySize {
        guard let size = MemorySize(parsing: text), size.bytes == 0 || size.bytes >= smallestLimit.bytes else {
            throw LimitOptionError(
                message: "\(option) must be 0 (no limit) or a whole number of bytes of at least 1M, such as 2G, 512M or 1.5G, not '\(text)'")
        }
        return size
    }

    public var description: String {
        for (shift, unit) in [(40, "TiB"), (30, "GiB"), (20, "MiB"), (10, "KiB")] where bytes >= 1 << shift {
            let value = Double(bytes) / Double(1 << shift)
            return value == value.rounded() ? "\(Int(value)) \(unit)" : "\((value * 10).rounded() / 10) \(unit)"
        }
        return "\(bytes) bytes"
    }
}

/// A limit option's value that is refused, with the message that says why.
public struct LimitOptionError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
