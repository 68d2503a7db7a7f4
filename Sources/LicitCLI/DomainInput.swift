import Foundation
import LicitClient
import LicitWire

/// Quantities as officers write them: `25kg`, `500g`, `10000mg`, `1.5kg`. Exact to the milligram.
package enum QuantityInput {
    package static func milligrams(_ text: String) throws -> Int64 {
        do {
            return try QuantityText.milligrams(text)
        } catch {
            throw CLIError.usage(error.message, hint: error.hint)
        }
    }

    package static func format(_ milligrams: Int64) -> String { QuantityText.format(milligrams) }

    /// `SUBSTANCE:LABEL=QUANTITY` (`MORPHINE:consumption=300kg`): the substance's code, the label
    /// in lower case, and the milligrams.
    static func labelled(_ text: String, shape: String, example: String) throws -> (String, String, Int64) {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        let names = parts.first?.split(separator: ":", maxSplits: 1).map(String.init) ?? []
        guard parts.count == 2, names.count == 2 else {
            throw CLIError.usage("\(text) is not \(shape)", hint: "e.g. \(example)")
        }
        return (names[0].uppercased(), names[1].lowercased(), try Self.milligrams(parts[1]))
    }
}

/// Per-line quantities of an EA (`--exported`, `--received`): each in the form the line names
/// (`7kg`: converted to base with the line's own factor), or in base with `base:` (`base:5.2kg`).
package enum LineQuantities {
    /// Whether every quantity is given in base, so that no line needs to be read first.
    static func allBase(_ texts: [String]) -> Bool { texts.allSatisfy { $0.hasPrefix("base:") } }

    /// The base milligrams per line, and how each was read ("7 kg of FORM = 5.2647 kg of base").
    package static func base(
        _ texts: [String],
        lines: [Licit_V1_Line]?
    ) throws -> (milligrams: [Int64], shown: [String]) {
        var milligrams: [Int64] = []
        var shown: [String] = []
        for (index, text) in texts.enumerated() {
            if text.hasPrefix("base:") {
                let base = try QuantityInput.milligrams(String(text.dropFirst("base:".count)))
                milligrams.append(base)
                shown.append("\(QuantityInput.format(base)) of base")
                continue
            }
            guard let lines, index < lines.count, lines[index].tradedMg > 0 else {
                throw CLIError.usage(
                    "quantity \(index + 1) (\(text)) has no line of the EA to convert it with",
                    hint: "give one quantity per line of the EA, or base quantities as base:QUANTITY"
                )
            }
            let line = lines[index]
            let traded = try QuantityInput.milligrams(text)
            // base = traded × (the line's base ÷ its traded quantity), rounded half up to the milligram.
            let (product, overflow) = traded.multipliedReportingOverflow(by: line.baseMg)
            guard !overflow else { throw CLIError.usage("\(text) is too large a quantity") }
            let base = (product * 2 + line.tradedMg) / (line.tradedMg * 2)
            milligrams.append(base)
            shown.append(
                line.baseMg == line.tradedMg
                    ? "\(QuantityInput.format(base)) of base"
                    : "\(QuantityInput.format(traded)) of \(line.form) = \(QuantityInput.format(base)) of base"
            )
        }
        return (milligrams, shown)
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
