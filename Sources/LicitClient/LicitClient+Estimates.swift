import Foundation
import LicitWire

/// Supplementary estimates: asked by a CNA, decided by the Board.
extension LicitClient {
    /// Asks the Board for `milligrams` more base of `substance` for the caller's country (signers and
    /// country admins); `year` 0 is this year.
    public func requestSupplementaryEstimate(
        substance: String,
        milligrams: Int64,
        year: Int = 0,
        justification: String,
        requestID: String = LicitClient.makeRequestID()
    ) async throws -> Licit_V1_SupplementaryEstimate {
        let response: Licit_V1_SupplementaryEstimateResponse = try await self.unary(
            LicitMethod.Estimates.requestSupplementary,
            Licit_V1_RequestSupplementaryRequest.with {
                $0.substance = substance
                $0.quantityMg = milligrams
                $0.year = UInt32(year)
                $0.justification = justification
            },
            requestID: requestID
        )
        return response.estimate
    }

    /// The Board's decision (board admins): the quantity asked confirms, less reduces, 0 refuses;
    /// a reduction or refusal needs `reason`.
    public func decideSupplementaryEstimate(
        id: String,
        confirmedMilligrams: Int64,
        reason: String = "",
        requestID: String = LicitClient.makeRequestID()
    ) async throws -> Licit_V1_SupplementaryEstimate {
        let response: Licit_V1_SupplementaryEstimateResponse = try await self.unary(
            LicitMethod.Estimates.decide,
            Licit_V1_DecideSupplementaryRequest.with {
                $0.id = id
                $0.confirmedMg = confirmedMilligrams
                $0.reason = reason
            },
            requestID: requestID
        )
        return response.estimate
    }

    /// Requests the caller may see: a CNA its country's, the Board any (or `country`'s).
    public func supplementaryEstimates(
        country: String = "",
        status: String = ""
    ) async throws
        -> [Licit_V1_SupplementaryEstimate]
    {
        let response: Licit_V1_ListSupplementaryResponse = try await self.unary(
            LicitMethod.Estimates.list,
            Licit_V1_ListSupplementaryRequest.with {
                $0.country = country
                $0.status = status
            }
        )
        return response.estimates
    }

    /// Furnishes the caller's country's annual estimates (Form B) for `year` (0: next year),
    /// replacing earlier ones until the Board confirms them (signers and country admins).
    public func submitAnnualEstimate(
        year: Int = 0,
        lines: [Licit_V1_AnnualEstimateLine],
        requestID: String = LicitClient.makeRequestID()
    ) async throws -> Licit_V1_AnnualEstimate {
        let response: Licit_V1_AnnualEstimateResponse = try await self.unary(
            LicitMethod.Estimates.submitAnnual,
            Licit_V1_SubmitAnnualRequest.with {
                $0.year = UInt32(year)
                $0.lines = lines
            },
            requestID: requestID
        )
        return response.estimate
    }

    /// The Board confirms a country's annual estimates (they become its estimates for the year)
    /// or queries them (`reason` required). Board admins.
    public func decideAnnualEstimate(
        country: String,
        year: Int,
        confirm: Bool,
        reason: String = "",
        requestID: String = LicitClient.makeRequestID()
    ) async throws -> Licit_V1_AnnualEstimate {
        let response: Licit_V1_AnnualEstimateResponse = try await self.unary(
            LicitMethod.Estimates.decideAnnual,
            Licit_V1_DecideAnnualRequest.with {
                $0.country = country
                $0.year = UInt32(year)
                $0.confirm = confirm
                $0.reason = reason
            },
            requestID: requestID
        )
        return response.estimate
    }

    /// Annual estimates the caller may see (`year` 0: every year).
    public func annualEstimates(country: String = "", year: Int = 0) async throws -> [Licit_V1_AnnualEstimate] {
        let response: Licit_V1_ListAnnualResponse = try await self.unary(
            LicitMethod.Estimates.listAnnual,
            Licit_V1_ListAnnualRequest.with {
                $0.country = country
                $0.year = UInt32(year)
            }
        )
        return response.estimates
    }
}
