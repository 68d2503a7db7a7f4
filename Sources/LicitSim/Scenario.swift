import Foundation
import Yams

/// A training scenario: what the bots playing the other countries do, what the trainee is told,
/// and what the trainee is expected to do, step by step. Read from YAML or JSON.
public struct Scenario: Codable, Sendable {
    public var name: String
    public var title: String
    /// The country the trainee plays, unless `--trainee` says otherwise.
    public var trainee: String
    /// The country the bots play.
    public var partner: String
    public var steps: [Step]

    public struct Step: Codable, Sendable {
        /// Tell the trainee something (the live view shows it).
        public var say: String?
        /// A bot's act: issue-ia, issue-ea, record-exported, endorse, cancel, supplementary-estimate (the Board
        /// adds one), decide-estimate (the Board confirms the trainee's request named by `document`),
        /// query-return and accept-return (the Board decides the trainee's submitted form C), clock, wait.
        public var bot: String?
        /// The trainee's expected act: issues-ia, issues-ea, endorses, records-paper-ia, records-paper-ea,
        /// requests-estimate, submits-return, does-not-issue-ea.
        public var expect: String?
        /// Names the document this step makes or finds, for later steps.
        public var `as`: String?
        /// The document a step acts on or expects about (a name given by `as`).
        public var document: String?
        public var substance: String?
        /// A base quantity: "10kg", "500g".
        public var quantity: String?
        /// For expectations on IAs: at least this base quantity.
        public var atLeast: String?
        /// For expectations on EAs: at most this base quantity.
        public var atMost: String?
        /// An IA issued without overriding the estimate.
        public var noOverride: Bool?
        /// clock: how far to move the sandbox's clock ("31d"); wait: real seconds ("2s").
        public var duration: String?
        /// Real seconds an expectation waits for the trainee (default 600).
        public var within: Double?
        /// The treaty rule this step teaches, shown in the report.
        public var rule: String?
        /// A bot's act that the exchange must refuse (an injected mistake); its reason.
        public var refusedWith: String?
        /// Another country acting instead of `partner`.
        public var country: String?
        /// submits-return: a figure of this item (production, consumption, stocks …) is required.
        public var item: String?

        enum CodingKeys: String, CodingKey {
            case say, bot, expect, `as`, document, substance, quantity, within, rule, country, duration, item
            case atLeast = "at_least"
            case atMost = "at_most"
            case noOverride = "no_override"
            case refusedWith = "refused_with"
        }
    }

    public static func load(_ nameOrFile: String) throws -> Scenario {
        let file = URL(fileURLWithPath: nameOrFile)
        let text: String
        if FileManager.default.fileExists(atPath: file.path) {
            text = try String(contentsOf: file, encoding: .utf8)
        } else if let shipped = Self.shipped(nameOrFile) {
            text = shipped
        } else {
            throw SimError(
                "no scenario \(nameOrFile): give a file, or one of " + Self.shippedNames.joined(separator: ", ")
            )
        }
        do {
            if text.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("{") {
                return try JSONDecoder().decode(Scenario.self, from: Data(text.utf8))
            }
            return try YAMLDecoder().decode(Scenario.self, from: text)
        } catch {
            throw SimError("the scenario \(nameOrFile) is not readable: \(error)")
        }
    }
}

extension Scenario {
    /// The scenarios that ship with licit-sim (Sources/LicitSim/Scenarios).
    public static let shippedNames = [
        "first-import", "first-export", "multi-consignment", "estimate-exceeded", "paper-partner", "annual-return",
    ]

    static func shipped(_ name: String) -> String? {
        guard Self.shippedNames.contains(name),
            let url = Bundle.module.url(forResource: name, withExtension: "yaml", subdirectory: "Scenarios")
                ?? Bundle.module.url(forResource: name, withExtension: "yaml")
        else { return nil }
        return try? String(contentsOf: url, encoding: .utf8)
    }
}
