import Foundation
import LicitExchange
import LicitWire

/// ListAccounts, RevokeCertificate and EnrollAccount, as the exchange's account commands.
struct AccountMethods {
    let exchange: Exchange

    static let administrators: Set<Role> = [.boardAdmin, .countryAdmin]

    var handlers: [MethodHandler] {
        let exchange = self.exchange
        return [
            MethodHandler(
                name: LicitMethod.Reference.listAccounts,
                allowedRoles: Self.administrators,
                isWrite: false,
                body: .inline { context, _ in
                    try Licit_V1_ListAccountsResponse.with {
                        $0.accounts = exchange.accounts(administeredBy: context.caller).map { account, revoked in
                            var wire = account.wire
                            wire.revoked = revoked
                            return wire
                        }
                    }.serializedData()
                }
            ),
            MethodHandler(
                name: LicitMethod.Reference.revokeCertificate,
                allowedRoles: Self.administrators,
                isWrite: true,
                body: .unary { context, payload in
                    let request = try SessionMethods.decode(Licit_V1_RevokeCertificateRequest.self, payload)
                    return try await exchange.revoke(
                        fingerprint: request.fingerprint,
                        reason: request.reason,
                        by: context.caller,
                        payload: payload
                    ) { account in
                        var wire = account.wire
                        wire.revoked = true
                        return try Licit_V1_RevokeCertificateResponse.with { $0.account = wire }.serializedData()
                    }
                }
            ),
            MethodHandler(
                name: LicitMethod.Reference.enrollAccount,
                allowedRoles: Self.administrators,
                isWrite: true,
                body: .unary { context, payload in
                    let request = try SessionMethods.decode(Licit_V1_EnrollAccountRequest.self, payload)
                    return try await exchange.enroll(
                        name: request.name,
                        role: Role(wire: request.role),
                        authority: request.authority,
                        certificateRequest: Array(request.certificateRequest),
                        by: context.caller,
                        payload: payload
                    ) { account, pem in
                        try Licit_V1_EnrollAccountResponse.with {
                            $0.account = account.wire
                            $0.certificatePem = pem
                        }.serializedData()
                    }
                }
            ),
            MethodHandler(
                name: LicitMethod.Reference.approveAccount,
                allowedRoles: [.boardAdmin],
                isWrite: true,
                body: .unary { context, payload in
                    let request = try SessionMethods.decode(Licit_V1_ApproveAccountRequest.self, payload)
                    return try await exchange.decideOnAccount(
                        name: request.name,
                        approve: request.approve,
                        reason: request.reason,
                        by: context.caller,
                        payload: payload
                    ) { account in
                        var wire = account.wire
                        wire.revoked = !request.approve
                        return try Licit_V1_ApproveAccountResponse.with { $0.account = wire }.serializedData()
                    }
                }
            ),
        ]
    }
}
