import Foundation

/// How often a sandbox misbehaves on purpose toward one account: each rate is the share of the
/// calls (or events) it applies to, from 0 (never) to 1 (always).
package struct FaultProfile: Codable, Sendable, Equatable {
    /// Writes applied, then their connection dropped before the answer.
    package var dropAfterCommit = 0.0
    /// Calls during which the connection is drained (GoAway `shutting_down`).
    package var drainMidCall = 0.0
    /// Calls with a deadline answered `deadline_exceeded` after it, though they ran.
    package var delayPastDeadline = 0.0
    /// Writes refused `rate_limited`, not applied.
    package var rateLimited = 0.0
    /// The `retry_after_ms` of those refusals.
    package var retryAfterMs = 250
    /// Inbox events sent twice.
    package var duplicateEvent = 0.0
    /// Inbox events before which the subscription is ended (`subscription_ended`).
    package var endSubscription = 0.0
    /// When set, Hello says the certificate expires this many days from now.
    package var expiryWarningDays: Int?

    package init() {}

    package static let none = FaultProfile()

    /// Rates from the least to the most disruptive; `retry_after_ms` stays 250.
    package static let gentle = FaultProfile(0.02, 0.01, 0.02, 0.05, 0.02, 0.01, warningDays: 30)
    package static let standard = FaultProfile(0.05, 0.02, 0.05, 0.10, 0.05, 0.02, warningDays: 14)
    package static let harsh = FaultProfile(0.15, 0.05, 0.10, 0.20, 0.10, 0.05, warningDays: 3)

    private init(
        _ dropAfterCommit: Double,
        _ drainMidCall: Double,
        _ delayPastDeadline: Double,
        _ rateLimited: Double,
        _ duplicateEvent: Double,
        _ endSubscription: Double,
        warningDays: Int
    ) {
        self.dropAfterCommit = dropAfterCommit
        self.drainMidCall = drainMidCall
        self.delayPastDeadline = delayPastDeadline
        self.rateLimited = rateLimited
        self.duplicateEvent = duplicateEvent
        self.endSubscription = endSubscription
        self.expiryWarningDays = warningDays
    }

    package static let named: [String: FaultProfile] = [
        "none": .none, "gentle": .gentle, "standard": .standard, "harsh": .harsh,
    ]

    package var isNone: Bool { self == .none }

    /// A profile by name (`none`, `gentle`, `standard`, `harsh`) or from a JSON file of rates
    /// (snake_case keys; missing ones are 0).
    package static func parse(_ text: String) throws -> FaultProfile {
        if let profile = Self.named[text] { return profile }
        guard text.hasSuffix(".json") || text.contains("/") else {
            throw Problem(
                "unknown fault profile \"\(text)\": give none, gentle, standard, harsh or a JSON file of rates"
            )
        }
        guard let data = FileManager.default.contents(atPath: text) else {
            throw Problem("cannot read the fault profile \(text)")
        }
        if let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
            let known: Set<String> = [
                "drop_after_commit", "drain_mid_call", "delay_past_deadline", "rate_limited", "retry_after_ms",
                "duplicate_event", "end_subscription", "expiry_warning_days",
            ]
            if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
                throw Problem(
                    "\(text): unknown key \"\(unknown)\"; the keys are \(known.sorted().joined(separator: ", "))"
                )
            }
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let profile: FaultProfile
        do {
            profile = try decoder.decode(FaultProfile.self, from: data)
        } catch {
            throw Problem("\(text) is not a fault profile: \(error)")
        }
        try profile.check(in: text)
        return profile
    }

    private func check(in file: String) throws {
        let rates = [
            ("drop_after_commit", self.dropAfterCommit), ("drain_mid_call", self.drainMidCall),
            ("delay_past_deadline", self.delayPastDeadline), ("rate_limited", self.rateLimited),
            ("duplicate_event", self.duplicateEvent), ("end_subscription", self.endSubscription),
        ]
        for (name, rate) in rates where !(0...1).contains(rate) {
            throw Problem("\(file): \(name) is \(rate); a rate is from 0 to 1")
        }
        guard self.dropAfterCommit + self.drainMidCall + self.delayPastDeadline + self.rateLimited <= 1 else {
            throw Problem("\(file): the call rates add up to more than 1")
        }
        guard self.duplicateEvent + self.endSubscription <= 1 else {
            throw Problem("\(file): the event rates add up to more than 1")
        }
        guard (1...60_000).contains(self.retryAfterMs) else {
            throw Problem("\(file): retry_after_ms is from 1 to 60000")
        }
        if let days = self.expiryWarningDays, days < 0 { throw Problem("\(file): expiry_warning_days is 0 or more") }
    }

    package struct Problem: Error, CustomStringConvertible {
        package let description: String
        init(_ description: String) { self.description = description }
    }

    private enum CodingKeys: String, CodingKey {
        case dropAfterCommit, drainMidCall, delayPastDeadline, rateLimited, retryAfterMs, duplicateEvent
        case endSubscription, expiryWarningDays
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = FaultProfile()
        self.dropAfterCommit = try container.decodeIfPresent(Double.self, forKey: .dropAfterCommit) ?? 0
        self.drainMidCall = try container.decodeIfPresent(Double.self, forKey: .drainMidCall) ?? 0
        self.delayPastDeadline = try container.decodeIfPresent(Double.self, forKey: .delayPastDeadline) ?? 0
        self.rateLimited = try container.decodeIfPresent(Double.self, forKey: .rateLimited) ?? 0
        self.retryAfterMs = try container.decodeIfPresent(Int.self, forKey: .retryAfterMs) ?? defaults.retryAfterMs
        self.duplicateEvent = try container.decodeIfPresent(Double.self, forKey: .duplicateEvent) ?? 0
        self.endSubscription = try container.decodeIfPresent(Double.self, forKey: .endSubscription) ?? 0
        self.expiryWarningDays = try container.decodeIfPresent(Int.self, forKey: .expiryWarningDays)
    }
}
