import Foundation
import LicitExchange
import LicitModel
import LicitStorage
import LicitWire

/// `licit.v1.Estimates`: supplementary estimates asked by CNAs and decided by the Board.
struct EstimateMethods {
    let exchange: Exchange

    static let requesters: Set<Role> = [.signer, .countryAdmin]
    /// Every role lists what it may see of filings (a CNA its own country's).
    static let readers = Set(Role.allCases)

    var handlers: [MethodHandler] {
        typealias Method = LicitMethod.Estimates
        let exchange = self.exchange
        return [
            MethodHandler(
                name: Method.requestSupplementary,
                allowedRoles: Self.requesters,
                isWrite: true,
                body: .unary { context, payload in
                    let request = try SessionMethods.decode(Licit_V1_RequestSupplementaryRequest.self, payload)
                    return try await exchange.requestSupplementaryEstimate(
                        substance: request.substance,
                        milligrams: request.quantityMg,
                        year: Int(request.year),
                        justification: request.justification,
                        by: context.caller,
                        payload: payload,
                        answer: Self.answer
                    )
                }
            ),
            MethodHandler(
                name: Method.decide,
                allowedRoles: [.boardAdmin],
                isWrite: true,
                body: .unary { context, payload in
                    let request = try SessionMethods.decode(Licit_V1_DecideSupplementaryRequest.self, payload)
                    return try await exchange.decideSupplementaryEstimate(
                        id: request.id,
                        confirmedMilligrams: request.confirmedMg,
                        reason: request.reason,
                        by: context.caller,
                        payload: payload,
                        answer: Self.answer
                    )
                }
            ),
            .read(Method.list, Self.readers, self.list),
            MethodHandler(
                name: Method.submitAnnual,
                allowedRoles: Self.requesters,
                isWrite: true,
                body: .unary { context, payload in
                    let request = try SessionMethods.decode(Licit_V1_SubmitAnnualRequest.self, payload)
                    return try await exchange.submitAnnualEstimate(
                        year: Int(request.year),
                        lines: request.lines.map { ($0.substance, $0.purpose, $0.quantityMg) },
                        by: context.caller,
                        payload: payload,
                        answer: Self.answer
                    )
                }
            ),
            MethodHandler(
                name: Method.decideAnnual,
                allowedRoles: [.boardAdmin],
                isWrite: true,
                body: .unary { context, payload in
                    let request = try SessionMethods.decode(Licit_V1_DecideAnnualRequest.self, payload)
                    return try await exchange.decideAnnualEstimate(
                        country: request.country.uppercased(),
                        year: Int(request.year),
                        confirm: request.confirm,
                        reason: request.reason,
                        by: context.caller,
                        payload: payload,
                        answer: Self.answer
                    )
                }
            ),
            .read(Method.listAnnual, Self.readers) { (context, request: Licit_V1_ListAnnualRequest) in
                let estimates = try await exchange.annualEstimates(
                    country: request.country.nilIfEmpty?.uppercased(),
                    year: request.year == 0 ? nil : Int(request.year),
                    by: context.caller
                )
                return Licit_V1_ListAnnualResponse.with { $0.estimates = estimates.map(Self.wire) }
            },
        ]
    }

    @Sendable static func answer(_ estimate: AnnualEstimate) throws -> Data {
        try Licit_V1_AnnualEstimateResponse.with { $0.estimate = Self.wire(estimate) }.serializedData()
    }

    static func wire(_ estimate: AnnualEstimate) -> Licit_V1_AnnualEstimate {
        .with {
            $0.country = estimate.country
            $0.year = UInt32(estimate.year)
            $0.lines = estimate.lines.map { line in
                .with {
                    $0.substance = line.substance
                    $0.purpose = line.purpose.rawValue
                    $0.quantityMg = line.milligrams
                }
            }
            $0.submittedBy = estimate.submittedBy
            $0.submittedAtMs = estimate.submittedAt
            $0.status = estimate.status.rawValue
            $0.decisionReason = estimate.decisionReason
            $0.decidedAtMs = estimate.decidedAt ?? 0
        }
    }

    @Sendable private func list(
        _ context: CallContext,
        _ request: Licit_V1_ListSupplementaryRequest
    ) async throws -> Licit_V1_ListSupplementaryResponse {
        var status: EstimateRequest.Status?
        if !request.status.isEmpty {
            guard let known = EstimateRequest.Status(rawValue: request.status) else {
                throw ExchangeError(
                    "invalid_estimate_request",
                    "status \(request.status) is none of requested, confirmed, reduced, refused"
                )
            }
            status = known
        }
        let estimates = try await self.exchange.estimateRequests(
            country: request.country.nilIfEmpty?.uppercased(),
            by: context.caller
        )
        return .with { $0.estimates = estimates.filter { status == nil || $0.status == status }.map(Self.wire) }
    }

    @Sendable static func answer(_ estimate: EstimateRequest) throws -> Data {
        try Licit_V1_SupplementaryEstimateResponse.with { $0.estimate = Self.wire(estimate) }.serializedData()
    }

    static func wire(_ estimate: EstimateRequest) -> Licit_V1_SupplementaryEstimate {
        .with {
            $0.id = estimate.id
            $0.country = estimate.country
            $0.substance = estimate.substance
            $0.year = UInt32(estimate.year)
            $0.requestedMg = estimate.requestedMilligrams
            $0.justification = estimate.justification
            $0.requestedBy = estimate.requestedBy
            $0.requestedAtMs = estimate.requestedAt
            $0.status = estimate.status.rawValue
            $0.confirmedMg = estimate.confirmedMilligrams
            $0.decisionReason = estimate.decisionReason
            $0.decidedAtMs = estimate.decidedAt ?? 0
        }
    }
}
