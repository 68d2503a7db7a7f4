import Foundation
import LicitExchange
import LicitModel
import LicitStorage
import LicitWire

/// `licit.v1.Returns`: statistical returns filed by CNAs, accepted or queried by the Board.
struct ReturnMethods {
    let exchange: Exchange

    var handlers: [MethodHandler] {
        typealias Method = LicitMethod.Returns
        let exchange = self.exchange
        return [
            MethodHandler(
                name: Method.save,
                allowedRoles: EstimateMethods.requesters,
                isWrite: true,
                body: .unary { context, payload in
                    let request = try SessionMethods.decode(Licit_V1_SaveReturnRequest.self, payload)
                    return try await exchange.saveReturn(
                        form: request.form.uppercased(),
                        year: Int(request.year),
                        figures: request.figures.map { ($0.substance, $0.item, $0.quantityMg) },
                        submit: request.submit,
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
                    let request = try SessionMethods.decode(Licit_V1_DecideReturnRequest.self, payload)
                    return try await exchange.decideReturn(
                        country: request.country.uppercased(),
                        form: request.form.uppercased(),
                        year: Int(request.year),
                        accept: request.accept,
                        reason: request.reason,
                        by: context.caller,
                        payload: payload,
                        answer: Self.answer
                    )
                }
            ),
            .read(Method.list, EstimateMethods.readers) { (context, request: Licit_V1_ListReturnsRequest) in
                let filings = try await exchange.returnFilings(
                    country: request.country.nilIfEmpty?.uppercased(),
                    by: context.caller
                )
                return Licit_V1_ListReturnsResponse.with { $0.filings = filings.map(Self.wire) }
            },
        ]
    }

    @Sendable static func answer(_ filing: ReturnFiling) throws -> Data {
        try Licit_V1_ReturnFilingResponse.with { $0.filing = Self.wire(filing) }.serializedData()
    }

    static func wire(_ filing: ReturnFiling) -> Licit_V1_ReturnFiling {
        func figure(_ figure: ReturnFiling.Figure) -> Licit_V1_ReturnFigure {
            .with {
                $0.substance = figure.substance
                $0.item = figure.item.rawValue
                $0.quantityMg = figure.milligrams
            }
        }
        return .with {
            $0.country = filing.country
            $0.form = filing.form
            $0.year = UInt32(filing.year)
            $0.figures = filing.figures.map(figure)
            $0.trade = filing.trade.map(figure)
            $0.status = filing.status.rawValue
            $0.filedBy = filing.filedBy
            $0.updatedAtMs = filing.updatedAt
            $0.decisionReason = filing.decisionReason
        }
    }
}
