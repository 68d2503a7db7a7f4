import Foundation
import LicitModel
import LicitStorage

/// Supplementary estimates (1961 art. 19(2)–(3)): a CNA asks the Board for more of a substance for
/// its country this year or next; the Board confirms, reduces or refuses it; a confirmed quantity
/// enters the country's estimate at once. Both sides are told in their inboxes.
extension Exchange {
    /// Records a CNA's request for its own country; `year` 0 is this year. Audited like every
    /// write; the Board's inbox gets `estimate_requested`.
    public func requestSupplementaryEstimate(
        substance: String,
        milligrams: Int64,
        year: Int,
        justification: String,
        by caller: Caller,
        payload: Data,
        answer: @escaping @Sendable (EstimateRequest) throws -> Data
    ) async throws -> Data {
        let account = caller.account
        let moment = self.moment
        let year = year == 0 ? moment.day.year : year
        guard year == moment.day.year || year == moment.day.year + 1 else {
            throw ExchangeError(
                "invalid_estimate_request",
                "a supplementary estimate is for this year (\(moment.day.year)) or the next, not \(year)"
            )
        }
        guard milligrams > 0, milligrams <= Quantity.largestStated.milligrams else {
            throw ExchangeError(
                "invalid_estimate_request",
                "ask for 1 mg to 1 000 t (\(Quantity.largestStated.milligrams) mg) of base, not \(milligrams) mg"
            )
        }
        let justification = try InputCheck.text(justification, field: "justification", max: 2048)
        let catalogue = try await self.storage.read { try self.references.snapshot($0).catalogue }
        guard catalogue[substance] != nil else {
            throw ExchangeError("unknown_substance", "\(substance) is not a base substance of the catalogue")
        }
        return try await self.write(
            caller,
            action: "estimate.request",
            subject: "\(account.country) \(substance) \(year)",
            payload: payload
        ) { transaction in
            let earlier = try transaction.estimateRequests(country: account.country).filter { $0.year == year }
            let request = EstimateRequest(
                id: "\(account.country)-\(year)-\(earlier.count + 1)",
                country: account.country,
                substance: substance,
                year: year,
                requestedMilligrams: milligrams,
                justification: justification,
                requestedBy: account.authority,
                requestedAt: moment.milliseconds
            )
            try transaction.put(request)
            try transaction.appendEvent(
                Self.event(
                    request,
                    to: "BOARD",
                    "estimate_requested",
                    "\(account.authority) asks for \(Quantity(milligrams: milligrams)) more \(substance) for \(year)",
                    at: moment.milliseconds
                )
            )
            return try answer(request)
        }
    }

    /// The Board's decision: `confirmedMilligrams` equal to the request confirms it, less reduces
    /// it, zero refuses it (a reduction or refusal needs `reason`). What is confirmed is added to
    /// the country's estimate for the year; the requesting CNA gets the decision in its inbox.
    public func decideSupplementaryEstimate(
        id: String,
        confirmedMilligrams: Int64,
        reason: String,
        by caller: Caller,
        payload: Data,
        answer: @escaping @Sendable (EstimateRequest) throws -> Data
    ) async throws -> Data {
        let moment = self.moment
        let reason = reason.isEmpty ? "" : try InputCheck.text(reason, field: "reason", max: 2048)
        return try await self.write(caller, action: "estimate.decide", subject: id, payload: payload) { transaction in
            let country = id.split(separator: "-").first.map(String.init) ?? ""
            guard var request = try transaction.estimateRequests(country: country).first(where: { $0.id == id }) else {
                throw ExchangeError(.notFound, "no request for a supplementary estimate is numbered \(id)")
            }
            guard request.status == .requested else {
                throw ExchangeError(
                    "estimate_already_decided",
                    "\(id) was \(request.status.rawValue) already"
                )
            }
            guard (0...request.requestedMilligrams).contains(confirmedMilligrams) else {
                throw ExchangeError(
                    "invalid_estimate_request",
                    "confirm from 0 (a refusal) to the \(request.requestedMilligrams) mg asked, not \(confirmedMilligrams) mg"
                )
            }
            request.status =
                confirmedMilligrams == request.requestedMilligrams
                ? .confirmed : confirmedMilligrams == 0 ? .refused : .reduced
            guard request.status == .confirmed || !reason.isEmpty else {
                throw ExchangeError(
                    "missing_field",
                    "give the reason for \(request.status == .refused ? "refusing" : "reducing") it"
                )
            }
            request.confirmedMilligrams = confirmedMilligrams
            request.decisionReason = reason
            request.decidedAt = moment.milliseconds
            try transaction.put(request)
            if confirmedMilligrams > 0 {
                let key = UsageKey(country: request.country, substance: request.substance, year: request.year)
                let allowance = try transaction.allowance(key)
                try transaction.put(
                    Allowance(
                        country: request.country,
                        substance: request.substance,
                        year: request.year,
                        initial: allowance?.initial ?? .zero,
                        supplementary: (allowance?.supplementary ?? []) + [Quantity(milligrams: confirmedMilligrams)]
                    )
                )
            }
            let decided = "the Board \(request.status.rawValue) \(id)"
            try transaction.appendEvent(
                Self.event(
                    request,
                    to: request.requestedBy,
                    "estimate_\(request.status.rawValue)",
                    confirmedMilligrams > 0
                        ? "\(decided): \(Quantity(milligrams: confirmedMilligrams)) of \(request.substance) added to \(request.year)"
                            + (reason.isEmpty ? "" : " (\(reason))")
                        : "\(decided): \(reason)",
                    at: moment.milliseconds
                )
            )
            return try answer(request)
        }
    }

    /// Requests a CNA may see (its own country's) or the Board (any, or `country`'s), by id.
    public func estimateRequests(country: String?, by caller: Caller) async throws -> [EstimateRequest] {
        let scope = caller.account.filings(of: country)
        return try await self.storage.read { try $0.estimateRequests(country: scope) }
    }
}
