import Foundation

/// A mass, held exactly as whole milligrams: balances add and compare these, never floating point.
public struct Quantity: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let milligrams: Int64

    public init(milligrams: Int64) {
        self.milligrams = milligrams
    }

    public static let zero = Quantity(milligrams: 0)
    /// The most one line, estimate request or return figure may state: 1 000 t
    /// (10^12 mg), beyond any real consignment and far from overflowing sums of them.
    public static let largestStated = Quantity(milligrams: 1_000_000_000_000)

    public static func grams(_ grams: Int64) -> Quantity { Quantity(milligrams: grams * 1000) }
    public static func kilograms(_ kilograms: Int64) -> Quantity { Quantity(milligrams: kilograms * 1_000_000) }

    public static func < (lhs: Quantity, rhs: Quantity) -> Bool { lhs.milligrams < rhs.milligrams }

    /// Adds, refusing to overflow rather than wrapping.
    public static func + (lhs: Quantity, rhs: Quantity) throws(QuantityError) -> Quantity {
        let (sum, overflow) = lhs.milligrams.addingReportingOverflow(rhs.milligrams)
        guard !overflow else { throw .overflow }
        return Quantity(milligrams: sum)
    }

    public static func - (lhs: Quantity, rhs: Quantity) throws(QuantityError) -> Quantity {
        let (difference, overflow) = lhs.milligrams.subtractingReportingOverflow(rhs.milligrams)
        guard !overflow else { throw .overflow }
        return Quantity(milligrams: difference)
    }

    /// The largest unit that shows the quantity exactly: "25 kg", "500 g", "1.5 g", "12 mg".
    public var description: String {
        let magnitude = self.milligrams.magnitude
        let sign = self.milligrams < 0 ? "-" : ""
        for (unit, scale) in [("kg", UInt64(1_000_000)), ("g", 1000)] where magnitude >= scale {
            let whole = magnitude / scale
            let fraction = magnitude % scale
            guard fraction != 0 else { return "\(sign)\(whole) \(unit)" }
            var digits = String(fraction)
            digits = String(repeating: "0", count: String(scale).count - 1 - digits.count) + digits
            while digits.hasSuffix("0") { digits.removeLast() }
            if unit == "g" || digits.count <= 3 { return "\(sign)\(whole).\(digits) \(unit)" }
        }
        return "\(sign)\(magnitude) mg"
    }
}

public enum QuantityError: Error, Hashable, Sendable, CustomStringConvertible {
    case overflow
    case malformed(String)

    public var description: String {
        switch self {
        case .overflow: "the quantity is too large"
        case .malformed(let text):
            "\"\(text)\" is not a quantity: give a number and a unit, for example 25kg, 500g, 1.5g or 10000mg"
        }
    }
}

extension Quantity {
    /// Parses "25kg", "500 g", "1.5g", "10000mg" exactly; a fraction finer than a milligram is refused.
    public init(parsing text: String) throws(QuantityError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(suffix: String, scale: Int64)] = [("mg", 1), ("kg", 1_000_000), ("g", 1000)]
        guard let unit = units.first(where: { trimmed.hasSuffix($0.suffix) }) else { throw .malformed(text) }
        let number = trimmed.dropLast(unit.suffix.count).trimmingCharacters(in: .whitespaces)
        let parts = number.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int64(parts[0]), whole >= 0 else { throw .malformed(text) }
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        let scaleDigits = String(unit.scale).count - 1
        guard fraction.count <= scaleDigits, fraction.allSatisfy(\.isASCIIDigit) else { throw .malformed(text) }
        let fractional = Int64(fraction.padding(toLength: scaleDigits, withPad: "0", startingAt: 0)) ?? 0
        let (scaled, overflow) = whole.multipliedReportingOverflow(by: unit.scale)
        let (total, overflow2) = scaled.addingReportingOverflow(fractional)
        guard !overflow, !overflow2 else { throw .overflow }
        self.init(milligrams: total)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
