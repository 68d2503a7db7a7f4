import Foundation

/// A calendar day (UTC), the unit of validity periods: "valid until 2026-12-31" means through
/// the end of that day on the exchange's clock.
public struct Day: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let ordinal: Int

    public init(ordinal: Int) {
        self.ordinal = ordinal
    }

    /// The day `date` falls on, in UTC.
    public init(_ date: Date) {
        self.ordinal = Int((date.timeIntervalSince1970 / 86400).rounded(.down))
    }

    /// Parses "YYYY-MM-DD".
    public init?(iso text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), (1...Self.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.ordinal = Self.ordinal(year: year, month: month, day: day)
    }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.ordinal < rhs.ordinal }

    public func adding(days: Int) -> Day { Day(ordinal: self.ordinal + days) }

    public var year: Int { self.civil.year }

    /// YYYY-MM-DD (formatted by hand: `String(format:)` is slow on Linux, and days are
    /// printed for every stored document).
    public var description: String {
        let (year, month, day) = self.civil
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = Day(iso: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not a YYYY-MM-DD date: \(text)")
            )
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.description)
    }

    // Howard Hinnant's days-from-civil and civil-from-days, proleptic Gregorian.
    static func ordinal(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146097 + dayOfEra - 719468
    }

    var civil: (year: Int, month: Int, day: Int) {
        let z = self.ordinal + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let dayOfEra = z - era * 146097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

/// An inclusive range of days: a validity or import period.
public struct Period: Hashable, Sendable, Codable, CustomStringConvertible {
    public let first: Day
    public let last: Day

    /// `nil` when `last` is before `first`.
    public init?(from first: Day, through last: Day) {
        guard first <= last else { return nil }
        self.first = first
        self.last = last
    }

    public func contains(_ day: Day) -> Bool { self.first <= day && day <= self.last }

    public func contains(_ other: Period) -> Bool { self.first <= other.first && other.last <= self.last }

    public var description: String { "\(self.first) to \(self.last)" }
}
