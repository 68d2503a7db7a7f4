/// How much anhydrous base one unit of a salt, hydrate or preparation contains, in millionths:
/// 0.7592 is 759_200. Base quantity = traded quantity × factor, rounded half up to the milligram.
public struct ConversionFactor: Hashable, Sendable, Codable, CustomStringConvertible {
    public static let scale: Int64 = 1_000_000

    public let millionths: Int64

    /// A factor of 1 (the base itself) to 0 (exclusive).
    public init?(millionths: Int64) {
        guard millionths > 0, millionths <= Self.scale else { return nil }
        self.millionths = millionths
    }

    /// Parses a published decimal factor such as "0.7592" (at most 6 decimals).
    public init?(decimal text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int64(parts[0]), whole >= 0 else { return nil }
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.count <= 6, fraction.allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
        let fractional = Int64(fraction.padding(toLength: 6, withPad: "0", startingAt: 0)) ?? 0
        self.init(millionths: whole * Self.scale + fractional)
    }

    /// n × MW(base) / MW(salt), from molecular weights in thousandths of g/mol (285.34 is 285_340),
    /// rounded half up to millionths.
    public static func computed(baseMolecules n: Int64, baseWeight: Int64, saltWeight: Int64) -> ConversionFactor? {
        guard n > 0, baseWeight > 0, saltWeight > 0 else { return nil }
        let numerator = n * baseWeight * Self.scale
        return ConversionFactor(millionths: (numerator + saltWeight / 2) / saltWeight)
    }

    public static let base = ConversionFactor(millionths: scale)!

    /// The anhydrous base in `traded` (which must not be negative).
    public func baseQuantity(of traded: Quantity) throws(QuantityError) -> Quantity {
        let (product, overflow) = traded.milligrams.multipliedReportingOverflow(by: self.millionths)
        let (rounded, overflow2) = product.addingReportingOverflow(Self.scale / 2)
        guard traded.milligrams >= 0, !overflow, !overflow2 else { throw .overflow }
        return Quantity(milligrams: rounded / Self.scale)
    }

    public var description: String {
        let fraction = String(self.millionths % Self.scale)
        let padded = String(repeating: "0", count: 6 - fraction.count) + fraction
        var trimmed = Substring(padded)
        while trimmed.count > 1, trimmed.hasSuffix("0") { trimmed = trimmed.dropLast() }
        return "\(self.millionths / Self.scale).\(trimmed)"
    }
}
