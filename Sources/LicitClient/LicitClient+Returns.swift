import Foundation
import LicitWire

/// Statistical returns filed with the Board: saved and submitted by a CNA, decided by the Board.
extension LicitClient {
    /// Saves the caller's country's return (form C or P) for `year` as a draft, or submits it.
    public func saveReturn(
        form: String,
        year: Int,
        figures: [Licit_V1_ReturnFigure],
        submit: Bool = false,
        requestID: String = LicitClient.makeRequestID()
    ) async throws -> Licit_V1_ReturnFiling {
        let response: Licit_V1_ReturnFilingResponse = try await self.unary(
            LicitMethod.Returns.save,
            Licit_V1_SaveReturnRequest.with {
                $0.form = form
                $0.year = UInt32(year)
                $0.figures = figures
                $0.submit = submit
            },
            requestID: requestID
        )
        return response.filing
    }

    /// The Board accepts a submitted return, or queries it (`reason` required). Board admins.
    public func decideReturn(
        country: String,
        form: String,
        year: Int,
        accept: Bool,
        reason: String = "",
        requestID: String = LicitClient.makeRequestID()
    ) async throws -> Licit_V1_ReturnFiling {
        let response: Licit_V1_ReturnFilingResponse = try await self.unary(
            LicitMethod.Returns.decide,
            Licit_V1_DecideReturnRequest.with {
                $0.country = country
                $0.form = form
                $0.year = UInt32(year)
                $0.accept = accept
                $0.reason = reason
            },
            requestID: requestID
        )
        return response.filing
    }

    /// Returns the caller may see: a CNA its country's, the Board any (or `country`'s).
    public func returnFilings(country: String = "") async throws -> [Licit_V1_ReturnFiling] {
        let response: Licit_V1_ListReturnsResponse = try await self.unary(
            LicitMethod.Returns.list,
            Licit_V1_ListReturnsRequest.with { $0.country = country }
        )
        return response.filings
    }
}
