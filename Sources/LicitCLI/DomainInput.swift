import Foundation
import LicitClient

/// Quantities as officers write them: `25kg`, `500g`, `10000mg`, `1.5kg`. Exact to the milligram.
enum QuantityInput {
    static func milligrams(_ text: String) throws -> Int64 {
        do {
            return try QuantityText.milligrams(text)
        } catch {
            throw CLIError.usage(error.message, hint: error.hint)
        }
    }

    static func format(_ milligrams: Int64) -> String { QuantityText.format(milligrams) }
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
