import Foundation
import LicitModel

/// Checks on what callers send: a malformed field is refused (INVALID_ARGUMENT) naming the field.
public enum InputCheck {
    public static func day(_ text: String, field: String) throws -> Day {
        guard let day = Day(iso: text) else {
            throw ExchangeError("invalid_date", "\(field) must be a date as YYYY-MM-DD, not \"\(text)\"")
        }
        return day
    }

    public static func period(_ period: PeriodInput, field: String = "period") throws -> Period {
        let first = try Self.day(period.first, field: "\(field).first")
        let last = try Self.day(period.last, field: "\(field).last")
        guard let period = Period(from: first, through: last) else {
            throw ExchangeError("invalid_period", "\(field) ends (\(last)) before it begins (\(first))")
        }
        return period
    }

    /// A document number, code or id: 1 to 64 printable ASCII characters without spaces.
    public static func number(_ number: String, field: String = "number") throws -> String {
        guard (1...64).contains(number.utf8.count),
            number.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7f })
        else {
            throw ExchangeError(
                "invalid_number",
                "\(field) must be 1 to 64 printable ASCII characters without spaces"
            )
        }
        return number
    }

    /// Text trimmed of surrounding white space, at most `max` bytes.
    public static func text(_ text: String, field: String, max: Int = 512, required: Bool = true) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if required, trimmed.isEmpty { throw ExchangeError("missing_field", "\(field) is required") }
        guard trimmed.utf8.count <= max else {
            throw ExchangeError("field_too_long", "\(field) is longer than \(max) bytes")
        }
        return trimmed
    }

    /// Lines as traded, converted to base with the factor in force on `day`.
    static func lines(_ lines: [LineInput], catalogue: Catalogue, on day: Day) throws -> [AuthorizationLine] {
        guard (1...32).contains(lines.count) else {
            throw ExchangeError("invalid_lines", "a document has 1 to 32 lines")
        }
        return try lines.enumerated().map { index, line in
            guard let substance = catalogue.substance(ofForm: line.form) else {
                throw ExchangeError(
                    "unknown_form",
                    "line \(index + 1): no substance in the catalogue has the form \"\(line.form)\"",
                    facts: ["line": .number(index + 1), "form": .text(line.form)]
                )
            }
            do {
                return try AuthorizationLine.converting(
                    Quantity(milligrams: line.tradedMilligrams),
                    of: line.form,
                    of: substance,
                    on: day
                )
            } catch let problem as ExchangeError {
                throw problem.about(line: index + 1)
            }
        }
    }
}
