import Foundation
import LicitStorage
import LicitWire

extension ExchangeContext {
    /// An account as ListAccounts shows it, with whether its certificate is revoked.
    func wireAccount(_ account: Account) -> Licit_V1_Account {
        var wire = account.wire
        wire.revoked = self.directory.isRevoked(fingerprint: account.certificateFingerprint)
        return wire
    }

    /// RevokeCertificate: audited like every write; the revocation is applied inside the write,
    /// so a revocation that could not be applied is neither acknowledged nor recorded.
    func revoke(_ request: Licit_V1_RevokeCertificateRequest, context: CallContext, payload: Data) async throws -> Data
    {
        let caller = context.account
        let reason = try WireModel.text(request.reason, field: "reason", max: 1024)
        guard !reason.isEmpty else { throw LicitStatus.invalid("missing_field", "give the reason for the revocation") }
        let fingerprint = request.fingerprint.lowercased()
        guard let target = self.directory.account(forFingerprint: fingerprint),
            caller.role == .boardAdmin || (target.country == caller.country && !target.country.isEmpty)
        else {
            throw LicitStatus(
                .notFound,
                reason: "account_not_found",
                message: "no account you administer has the certificate \(fingerprint)"
            )
        }
        guard let revoker = self.revoker else {
            throw LicitStatus(
                .failedPrecondition,
                reason: "revocation_unavailable",
                message: "this exchange revokes certificates through its operator, not over the wire"
            )
        }
        return try await self.write(
            context,
            action: "certificate.revoke",
            subject: "\(target.name) \(fingerprint)",
            payload: payload
        ) { _ in
            try revoker.revoke(fingerprint: fingerprint)
            var account = target.wire
            account.revoked = true
            return try Licit_V1_RevokeCertificateResponse.with { $0.account = account }.serializedData()
        }
    }
}
