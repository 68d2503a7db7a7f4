import Foundation
import LicitModel
import LicitStorage

/// Annual estimates (Form B; 1961 art. 19(1)): a CNA furnishes its country's needs for a year by
/// substance and purpose; the Board confirms them, and each substance's total becomes the year's
/// estimate, or queries them back to the CNA, which submits them again.
extension Exchange {
    /// Records (or, until confirmed, replaces) the caller's country's estimates for `year`, this
    /// year or the next (0: the next). The Board's inbox gets `annual_estimate_submitted`.
    public func submitAnnualEstimate(
        year: Int,
        lines: [(substance: String, purpose: String, milligrams: Int64)],
        by caller: Caller,
        payload: Data,
        answer: @escaping @Sendable (AnnualEstimate) throws -> Data
    ) async throws -> Data {
        let account = caller.account
        let moment = self.moment
        let year = year == 0 ? moment.day.year + 1 : year
        guard year == moment.day.year || year == moment.day.year + 1 else {
            throw ExchangeError(
                "invalid_estimate_request",
                "annual estimates are for next year (\(moment.day.year + 1)) or this one, not \(year)"
            )
        }
        guard (1...200).contains(lines.count) else {
            throw ExchangeError("invalid_lines", "give 1 to 200 lines of substance, purpose and quantity")
        }
        let catalogue = try await self.storage.read { try self.references.snapshot($0).catalogue }
        var checked: [AnnualEstimate.Line] = []
        for (index, line) in lines.enumerated() {
            guard catalogue[line.substance] != nil else {
                throw ExchangeError(
                    "unknown_substance",
                    "line \(index + 1): \(line.substance) is not a base substance of the catalogue"
                )
            }
            guard let purpose = AnnualEstimate.Purpose(rawValue: line.purpose) else {
                throw ExchangeError(
                    "invalid_estimate_request",
                    "line \(index + 1): the purpose is one of "
                        + AnnualEstimate.Purpose.allCases.map(\.rawValue).joined(separator: ", ")
                )
            }
            guard (0...Quantity.largestStated.milligrams).contains(line.milligrams) else {
                throw ExchangeError(
                    "invalid_estimate_request",
                    "line \(index + 1): 0 to 1 000 t (\(Quantity.largestStated.milligrams) mg) of base, not \(line.milligrams) mg"
                )
            }
            guard !checked.contains(where: { $0.substance == line.substance && $0.purpose == purpose }) else {
                throw ExchangeError(
                    "invalid_estimate_request",
                    "line \(index + 1): \(line.substance) for \(purpose.rawValue) is given twice"
                )
            }
            checked.append(.init(substance: line.substance, purpose: purpose, milligrams: line.milligrams))
        }
        let estimate = AnnualEstimate(
            country: account.country,
            year: year,
            lines: checked,
            submittedBy: account.authority,
            submittedAt: moment.milliseconds
        )
        return try await self.write(caller, action: "estimate.submit_annual", subject: estimate.id, payload: payload) {
            transaction in
            if let earlier = try transaction.annualEstimates(country: account.country, year: year).first,
                earlier.status == .confirmed
            {
                throw ExchangeError(
                    "estimate_already_decided",
                    "the Board confirmed \(earlier.id) already: ask for a supplementary estimate instead"
                )
            }
            try transaction.put(estimate)
            try transaction.appendEvent(
                Self.event(
                    estimate,
                    to: "BOARD",
                    "annual_estimate_submitted",
                    "\(account.authority) furnished \(account.country)'s estimates for \(year): "
                        + "\(estimate.totals.count) substance\(estimate.totals.count == 1 ? "" : "s")",
                    at: moment.milliseconds
                )
            )
            return try answer(estimate)
        }
    }

    /// The Board confirms a country's submitted estimates (each substance's total becomes the
    /// year's estimate, supplementary estimates kept) or queries them (`reason` required).
    public func decideAnnualEstimate(
        country: String,
        year: Int,
        confirm: Bool,
        reason: String,
        by caller: Caller,
        payload: Data,
        answer: @escaping @Sendable (AnnualEstimate) throws -> Data
    ) async throws -> Data {
        let moment = self.moment
        let reason = confirm && reason.isEmpty ? "" : try InputCheck.text(reason, field: "reason", max: 2048)
        let id = "\(country)-\(year)"
        return try await self.write(caller, action: "estimate.decide_annual", subject: id, payload: payload) {
            transaction in
            guard var estimate = try transaction.annualEstimates(country: country, year: year).first else {
                throw ExchangeError(.notFound, "\(country) has furnished no annual estimates for \(year)")
            }
            guard estimate.status == .submitted else {
                throw ExchangeError(
                    "estimate_already_decided",
                    "\(id) is \(estimate.status.rawValue), not awaiting you"
                )
            }
            estimate.status = confirm ? .confirmed : .queried
            estimate.decisionReason = reason
            estimate.decidedAt = moment.milliseconds
            try transaction.put(estimate)
            if confirm {
                for (substance, milligrams) in estimate.totals {
                    let key = UsageKey(country: country, substance: substance, year: year)
                    try transaction.put(
                        Allowance(
                            country: country,
                            substance: substance,
                            year: year,
                            initial: Quantity(milligrams: milligrams),
                            supplementary: try transaction.allowance(key)?.supplementary ?? []
                        )
                    )
                }
            }
            try transaction.appendEvent(
                Self.event(
                    estimate,
                    to: estimate.submittedBy,
                    confirm ? "annual_estimate_confirmed" : "annual_estimate_queried",
                    confirm
                        ? "the Board confirmed \(country)'s estimates for \(year): they are in force"
                        : "the Board queried \(country)'s estimates for \(year): \(reason)",
                    at: moment.milliseconds
                )
            )
            return try answer(estimate)
        }
    }

    /// Annual estimates a CNA may see (its own country's) or the Board (any, or `country`'s).
    public func annualEstimates(country: String?, year: Int?, by caller: Caller) async throws -> [AnnualEstimate] {
        let scope = caller.account.filings(of: country)
        return try await self.storage.read { try $0.annualEstimates(country: scope, year: year) }
    }
}
