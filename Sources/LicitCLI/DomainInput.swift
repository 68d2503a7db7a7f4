import Foundation

/// Quantities as officers write them: `25kg`, `500g`, `10000mg`, `1.5kg`. Exact to the milligram.
enum QuantityInput {
    static let units: [(suffix: String, milligrams: Int64)] = [("kg", 1_000_000), ("mg", 1), ("g", 1000)]

    static func milligrams(_ text: String) throws -> Int64 {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: " ", with: "")
        guard let unit = Self.units.first(where: { trimmed.hasSuffix($0.suffix) }) else {
            throw CLIError.usage(
                "the quantity \(text) has no unit",
                hint: "write it with kg, g or mg, for example 25kg, 500g or 10000mg"
            )
        }
        let number = String(trimmed.dropLast(unit.suffix.count))
        guard let value = Decimal(string: number, locale: Locale(identifier: "en_US_POSIX")), value >= 0,
            number.allSatisfy({ $0.isNumber || $0 == "." })
        else {
            throw CLIError.usage("\(text) is not a quantity", hint: "for example 25kg, 1.5kg, 500g or 10000mg")
        }
        let milligrams = value * Decimal(unit.milligrams)
        guard milligrams == milligrams.rounded(), milligrams < Decimal(Int64.max / 2) else {
            throw CLIError.usage("\(text) is not a whole number of milligrams")
        }
        return NSDecimalNumber(decimal: milligrams).int64Value
    }

    /// `25 kg`, `18.8025 kg`, `500 g`, `12 mg`: exact, in the largest unit the figure reaches.
    static func format(_ milligrams: Int64) -> String {
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

extension Decimal {
    fileprivate func rounded() -> Decimal {
        var value = self
        var result = Decimal()
        NSDecimalRound(&result, &value, 0, .plain)
        return result
    }
}

/// Calendar days, `YYYY-MM-DD`.
enum DayInput {
    static func check(_ text: String, _ option: String) throws -> String {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let month = Int(parts[1]), (1...12).contains(month), let day = Int(parts[2]), (1...31).contains(day),
            Int(parts[0]) != nil
        else {
            throw CLIError.usage("\(option) \(text) is not a date", hint: "write dates as YYYY-MM-DD, e.g. 2027-03-31")
        }
        return text
    }

    static func format(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    static func adding(days: Int, to text: String) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        let date = formatter.date(from: text) ?? Date()
        return Self.format(calendar.date(byAdding: .day, value: days, to: date)!)
    }
}

/// A document named as `AUTHORITY/NUMBER`, or `NUMBER` for one of the caller's own authority.
struct DocumentName: Sendable, CustomStringConvertible {
    var authority: String
    var number: String

    init(_ text: String, defaultAuthority: String) throws {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        switch parts.count {
        case 2 where !parts[0].isEmpty && !parts[1].isEmpty:
            (self.authority, self.number) = (parts[0].uppercased(), parts[1])
        case 1:
            (self.authority, self.number) = (defaultAuthority, parts[0])
        default:
            throw CLIError.usage(
                "\(text) does not name a document",
                hint: "write AUTHORITY/NUMBER, e.g. FR-ANSM/IA-2027-001"
            )
        }
    }

    var description: String { "\(self.authority)/\(self.number)" }
}
