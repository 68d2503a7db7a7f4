import Foundation
import LicitExchange
import LicitModel
import LicitStorage
import LicitWire

/// licit.v1.Reference: countries, CNAs, the substance catalogue, estimates and assessments,
/// prohibitions and traders. Board admins maintain them; CNAs register their own traders.
struct ReferenceMethods {
    let exchange: Exchange

    var handlers: [MethodHandler] {
        let exchange = self.exchange
        return [
            MethodHandler(
                name: LicitMethod.Reference.getReference,
                allowedRoles: Set(Role.allCases),
                isWrite: false,
                body: .unary { context, payload in
                    let request = try SessionMethods.decode(Licit_V1_GetReferenceRequest.self, payload)
                    let reference = try await exchange.reference(
                        about: request.country.nilIfEmpty,
                        for: context.caller
                    )
                    var data = reference.wire
                    data.statuses = Vocabulary.terms(Vocabulary.statuses)
                    data.reasons = Vocabulary.reasonTerms
                    return try data.serializedData()
                }
            ),
            MethodHandler(
                name: LicitMethod.Reference.importReference,
                allowedRoles: [.boardAdmin],
                isWrite: true,
                body: .unary { context, payload in
                    let request = try SessionMethods.decode(Licit_V1_ReferenceData.self, payload)
                    let bundle = try ReferenceData(request)
                    return try await exchange.importReference(bundle, by: context.caller, payload: payload) {
                        try bundle.counts.serializedData()
                    }
                }
            ),
            MethodHandler(
                name: LicitMethod.Reference.registerTrader,
                allowedRoles: [.signer, .countryAdmin],
                isWrite: true,
                body: .unary { context, payload in
                    let request = try SessionMethods.decode(Licit_V1_RegisterTraderRequest.self, payload)
                    return try await exchange.registerTrader(
                        id: request.trader.id,
                        name: request.trader.name,
                        address: request.trader.address,
                        by: context.caller,
                        payload: payload
                    ) { registered in
                        try Licit_V1_RegisterTraderResponse.with {
                            $0.trader = WireModel.trader(
                                registered.trader,
                                id: registered.id,
                                authority: registered.authority
                            )
                        }.serializedData()
                    }
                }
            ),
        ]
    }
}
