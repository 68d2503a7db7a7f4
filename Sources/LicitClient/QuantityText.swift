import Foundation

/// Quantities as people write them — `25kg`, `1.5kg`, `500g`, `10000mg` — and back, exact to the
/// milligram (the wire's unit).
public enum QuantityText {
    /// Why a text is not a quantity, and what to write instead.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public let message: String
        public let hint: String?

        public var description: String { self.hint.map { "\(self.message) (\($0))" } ?? self.message }
    }

    static let units: [(suffix: String, milligrams: Int64)] = [("kg", 1_000_000), ("mg", 1), ("g", 1000)]

    public static func milligrams(_ text: String) throws(Problem) -> Int64 {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: " ", with: "")
        guard let unit = Self.units.first(where: { trimmed.hasSuffix($0.suffix) }) else {
            throw Problem(
                message: "the quantity \(text) has no unit",
                hint: "write it with kg, g or mg, for example 25kg, 500g or 10000mg"
            )
        }
        let number = String(trimmed.dropLast(unit.suffix.count))
        guard let value = Decimal(string: number, locale: Locale(identifier: "en_US_POSIX")), value >= 0,
            number.allSatisfy({ $0.isNumber || $0 == "." })
        else {
            throw Problem(message: "\(text) is not a quantity", hint: "for example 25kg, 1.5kg, 500g or 10000mg")
        }
        let milligrams = value * Decimal(unit.milligrams)
        var exact = milligrams
        var rounded = Decimal()
        NSDecimalRound(&rounded, &exact, 0, .plain)
        guard milligrams == rounded, milligrams < Decimal(Int64.max / 2) else {
            throw Problem(message: "\(text) is not a whole number of milligrams", hint: nil)
        }
        return NSDecimalNumber(decimal: milligrams).int64Value
    }

    /// `25 kg`, `18.8025 kg`, `500 g`, `12 mg`: exact, in the largest unit the figure reaches.
    public static func format(_ milligrams: Int64) -> String {
        let sign = milligrams < 0 ? "-" : ""
        let magnitude = milligrams.magnitude
        if magnitude >= 1_000_000 { return sign + Self.decimal(magnitude, scale: 1_000_000, "kg") }
        if magnitude >= 1000 { return sign + Self.decimal(magnitude, scale: 1000, "g") }
        return "\(sign)\(magnitude) mg"
    }

    private static func decimal(_ milligrams: UInt64, scale: UInt64, _ unit: String) -> String {
        let whole = milligrams / scale
        let fraction = milligrams % scale
        guard fraction != 0 else { return "\(whole) \(unit)" }
        var digits = String(fraction + scale).dropFirst()
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(whole).\(digits) \(unit)"
    }
}

/// Calendar days as the wire writes them, `YYYY-MM-DD` in UTC.
public enum CalendarDay {
    public static func format(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    /// The day `days` after `day` (before, when negative); `day` must be `YYYY-MM-DD`.
    public static func adding(days: Int, to day: String) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        let date = formatter.date(from: day) ?? Date()
        return Self.format(calendar.date(byAdding: .day, value: days, to: date)!)
    }
}
