import Foundation
import LicitModel
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
        guard !reason.isEmpty else { throw ExchangeError("missing_field", "give the reason for the revocation") }
        let fingerprint = request.fingerprint.lowercased()
        guard let target = self.directory.account(forFingerprint: fingerprint),
            caller.role == .boardAdmin || (target.country == caller.country && !target.country.isEmpty)
        else {
            throw ExchangeError(
                "account_not_found",
                "no account you administer has the certificate \(fingerprint)"
            )
        }
        guard let administration = self.administration else {
            throw ExchangeError(
                "revocation_unavailable",
                "this exchange revokes certificates through its operator, not over the wire"
            )
        }
        return try await self.write(
            context,
            action: "certificate.revoke",
            subject: "\(target.name) \(fingerprint)",
            payload: payload
        ) { _ in
            try administration.revoke(fingerprint: fingerprint)
            var account = target.wire
            account.revoked = true
            return try Licit_V1_RevokeCertificateResponse.with { $0.account = account }.serializedData()
        }
    }

    /// EnrollAccount: a new account for the key in a certificate request, audited like every write.
    func enroll(_ request: Licit_V1_EnrollAccountRequest, context: CallContext, payload: Data) async throws -> Data {
        let caller = context.account
        let name = request.name
        guard (1...64).contains(name.count),
            name.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" })
        else {
            throw ExchangeError("invalid_account_name", "an account name is 1 to 64 characters of a-z, 0-9 and -")
        }
        guard let role = Role(wire: request.role) else {
            throw ExchangeError("missing_field", "give the new account's role")
        }
        let isBoard = role == .boardAdmin || role == .boardObserver
        guard caller.role == .boardAdmin || !isBoard else {
            throw ExchangeError(
                "role_not_permitted",
                "only the Board enrols Board accounts"
            )
        }
        var account = Account(name: name, country: "", authority: "BOARD", role: role, certificateFingerprint: "")
        if !isBoard {
            let code = request.authority.isEmpty ? caller.authority : request.authority
            let authorities = try await self.storage.read { reader in try self.references.snapshot(reader).authorities }
            guard let authority = authorities.first(where: { $0.code == code }),
                caller.role == .boardAdmin || authority.country == caller.country
            else {
                throw ExchangeError("unknown_authority", "\(code) is not a CNA you administer")
            }
            account.country = authority.country
            account.authority = authority.code
        }
        guard let administration = self.administration else {
            throw ExchangeError(
                "enrolment_unavailable",
                "this exchange enrols accounts through its operator, not over the wire"
            )
        }
        let template = account
        return try await self.write(
            context,
            action: "account.enroll",
            subject: "\(name) \(role.rawValue) \(account.authority)",
            payload: payload
        ) { _ in
            // Checked in the write, so that a retry of this very enrolment is answered as the first time.
            guard !self.directory.accounts.contains(where: { $0.name == name }) else {
                throw ExchangeError("account_exists", "an account named \(name) exists")
            }
            let (enrolled, pem) = try administration.enroll(template, request: Array(request.certificateRequest))
            return try Licit_V1_EnrollAccountResponse.with {
                $0.account = enrolled.wire
                $0.certificatePem = pem
            }.serializedData()
        }
    }
}
