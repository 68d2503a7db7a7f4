import Foundation
import LicitModel
import LicitStorage
import LicitWire

/// licit.v1.Reference: countries, CNAs, the substance catalogue, estimates and assessments,
/// prohibitions and traders. Board admins maintain them; CNAs register their own traders.
struct ReferenceMethods {
    let exchange: ExchangeContext

    var handlers: [MethodHandler] {
        let exchange = self.exchange
        return [
            MethodHandler(
                name: LicitMethod.Reference.getReference,
                allowedRoles: Set(Role.allCases),
                isWrite: false,
                body: .unary { context, payload in
                    let request = try SessionMethods.decode(Licit_V1_GetReferenceRequest.self, payload)
                    let account = context.account
                    let country = request.country.nilIfEmpty
                    return try await exchange.storage.read { reader in
                        // Traders are a CNA's own register: others see them only on the documents naming them.
                        let traders =
                            account.isBoard
                            ? try reader.traders(authority: nil) : try reader.traders(authority: account.authority)
                        var data = ReferenceData.wire(
                            countries: try reader.countries(),
                            authorities: try reader.authorities(),
                            substances: try reader.substances(),
                            allowances: try reader.allowances(country: country),
                            prohibitions: try reader.prohibitions().filter { country == nil || $0.country == country },
                            traders: traders.filter { country == nil || $0.trader.country == country }
                        )
                        data.statuses = Vocabulary.terms(Vocabulary.statuses)
                        data.reasons = Vocabulary.reasonTerms
                        return try data.serializedData()
                    }
                }
            ),
            MethodHandler(
                name: LicitMethod.Reference.importReference,
                allowedRoles: [.boardAdmin],
                isWrite: true,
                body: .unary { context, payload in
                    let request = try SessionMethods.decode(Licit_V1_ReferenceData.self, payload)
                    let bundle = try ReferenceData(request)
                    // Once committed, no call may go on with the old catalogue: forget it again
                    // (a snapshot read from committed state during the write would be the old one).
                    defer { exchange.references.invalidate() }
                    return try await exchange.write(
                        context,
                        action: "reference.import",
                        subject: "reference",
                        payload: payload
                    ) { transaction in
                        // Writes after this one in the same transaction must see the new data.
                        exchange.references.invalidate()
                        try bundle.apply(to: transaction)
                        return try bundle.counts.serializedData()
                    }
                }
            ),
            MethodHandler(
                name: LicitMethod.Reference.registerTrader,
                allowedRoles: [.signer, .countryAdmin],
                isWrite: true,
                body: .unary { context, payload in
                    let request = try SessionMethods.decode(Licit_V1_RegisterTraderRequest.self, payload)
                    let account = context.account
                    let trader = Trader(
                        name: try WireModel.text(request.trader.name, field: "trader.name", max: 256),
                        address: try WireModel.text(request.trader.address, field: "trader.address", max: 512),
                        country: account.country
                    )
                    return try await exchange.write(
                        context,
                        action: "trader.register",
                        subject: request.trader.id,
                        payload: payload
                    ) { transaction in
                        var id = request.trader.id
                        if id.isEmpty {
                            id =
                                "\(account.authority)-T\(try transaction.traders(authority: account.authority).count + 1)"
                        } else {
                            id = try WireModel.number(id, field: "trader.id")
                            if let existing = try transaction.trader(id: id), existing.authority != account.authority {
                                throw ExchangeError(
                                    "trader_id_taken",
                                    "trader id \(id) belongs to another CNA"
                                )
                            }
                        }
                        let registered = RegisteredTrader(id: id, authority: account.authority, trader: trader)
                        try transaction.put(registered)
                        return try Licit_V1_RegisterTraderResponse.with {
                            $0.trader = WireModel.trader(trader, id: id, authority: account.authority)
                        }.serializedData()
                    }
                }
            ),
            MethodHandler(
                name: LicitMethod.Reference.listAccounts,
                allowedRoles: [.boardAdmin, .countryAdmin],
                isWrite: false,
                body: .inline { context, _ in
                    let account = context.account
                    return try Licit_V1_ListAccountsResponse.with {
                        $0.accounts = exchange.directory.accounts
                            .filter { account.role == .boardAdmin || $0.country == account.country }
                            .map(exchange.wireAccount)
                    }.serializedData()
                }
            ),
            MethodHandler(
                name: LicitMethod.Reference.revokeCertificate,
                allowedRoles: [.boardAdmin, .countryAdmin],
                isWrite: true,
                body: .unary { context, payload in
                    let request = try SessionMethods.decode(Licit_V1_RevokeCertificateRequest.self, payload)
                    return try await exchange.revoke(request, context: context, payload: payload)
                }
            ),
            MethodHandler(
                name: LicitMethod.Reference.enrollAccount,
                allowedRoles: [.boardAdmin, .countryAdmin],
                isWrite: true,
                body: .unary { context, payload in
                    let request = try SessionMethods.decode(Licit_V1_EnrollAccountRequest.self, payload)
                    return try await exchange.enroll(request, context: context, payload: payload)
                }
            ),
        ]
    }
}
