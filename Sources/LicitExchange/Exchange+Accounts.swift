import Foundation
import LicitModel
import LicitStorage

/// Accounts and their certificates: listed, revoked and enrolled by the Board's and each
/// country's administrators.
extension Exchange {
    /// The accounts the caller administers (a Board admin: all), each with whether its
    /// certificate is revoked.
    public func accounts(administeredBy caller: Caller) -> [(account: Account, revoked: Bool)] {
        let administrator = caller.account
        return self.directory.accounts
            .filter { administrator.role == .boardAdmin || $0.country == administrator.country }
            .map { ($0, self.directory.isRevoked(fingerprint: $0.certificateFingerprint)) }
    }

    /// Revokes the certificate `fingerprint` of an account the caller administers. Audited like
    /// every write; the revocation is applied inside the write, so a revocation that could not
    /// be applied is neither acknowledged nor recorded. `answer` encodes the revoked account.
    public func revoke(
        fingerprint: String,
        reason: String,
        by caller: Caller,
        payload: Data,
        answer: @escaping @Sendable (Account) throws -> Data
    ) async throws -> Data {
        let administrator = caller.account
        let reason = try InputCheck.text(reason, field: "reason", max: 1024)
        guard !reason.isEmpty else { throw ExchangeError("missing_field", "give the reason for the revocation") }
        let fingerprint = fingerprint.lowercased()
        guard let target = self.directory.account(forFingerprint: fingerprint),
            administrator.role == .boardAdmin || (target.country == administrator.country && !target.country.isEmpty)
        else {
            throw ExchangeError("account_not_found", "no account you administer has the certificate \(fingerprint)")
        }
        guard let administration = self.administration else {
            throw ExchangeError(
                "revocation_unavailable",
                "this exchange revokes certificates through its operator, not over the wire"
            )
        }
        return try await self.write(
            caller,
            action: "certificate.revoke",
            subject: "\(target.name) \(fingerprint)",
            payload: payload
        ) { _ in
            try administration.revoke(fingerprint: fingerprint)
            return try answer(target)
        }
    }

    /// Enrols a new account `name` with `role` (nil: none given) for the key in
    /// `certificateRequest` (PKCS #10, DER), under `authority` (empty: the caller's). Audited
    /// like every write; `answer` encodes the account and its certificate in PEM.
    public func enroll(
        name: String,
        role: Role?,
        authority requestedAuthority: String,
        certificateRequest: [UInt8],
        by caller: Caller,
        payload: Data,
        answer: @escaping @Sendable (Account, String) throws -> Data
    ) async throws -> Data {
        let administrator = caller.account
        guard (1...64).contains(name.count),
            name.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" })
        else {
            throw ExchangeError("invalid_account_name", "an account name is 1 to 64 characters of a-z, 0-9 and -")
        }
        guard let role else { throw ExchangeError("missing_field", "give the new account's role") }
        let isBoard = role == .boardAdmin || role == .boardObserver
        guard administrator.role == .boardAdmin || !isBoard else {
            throw ExchangeError("role_not_permitted", "only the Board enrols Board accounts")
        }
        var account = Account(name: name, country: "", authority: "BOARD", role: role, certificateFingerprint: "")
        if !isBoard {
            let code = requestedAuthority.isEmpty ? administrator.authority : requestedAuthority
            let authorities = try await self.storage.read { reader in try self.references.snapshot(reader).authorities }
            guard let authority = authorities.first(where: { $0.code == code }),
                administrator.role == .boardAdmin || authority.country == administrator.country
            else {
                throw ExchangeError("unknown_authority", "\(code) is not a CNA you administer")
            }
            guard
                try await self.storage.read({ try $0.countries() }).first(where: { $0.code == authority.country })?
                    .participating == true
            else {
                throw ExchangeError(
                    "unknown_authority",
                    "\(code) is a CNA of a country not on the exchange: its documents are recorded from paper"
                )
            }
            account.country = authority.country
            account.authority = authority.code
        }
        // A country admin enrolled by a country admin acts only once the Board has approved it.
        account.pendingApproval = role == .countryAdmin && administrator.role != .boardAdmin
        guard let administration = self.administration else {
            throw ExchangeError(
                "enrolment_unavailable",
                "this exchange enrols accounts through its operator, not over the wire"
            )
        }
        let template = account
        return try await self.write(
            caller,
            action: "account.enroll",
            subject: "\(name) \(role.rawValue) \(account.authority)",
            payload: payload
        ) { transaction in
            // Checked in the write, so that a retry of this very enrolment is answered as the first time.
            guard !self.directory.accounts.contains(where: { $0.name == name }) else {
                throw ExchangeError("account_exists", "an account named \(name) exists")
            }
            let (enrolled, pem) = try administration.enroll(template, request: certificateRequest)
            if enrolled.pendingApproval {
                try self.notifyAboutAccount(
                    enrolled,
                    to: DocumentLedger.board,
                    "account_pending",
                    "\(administrator.name) enrolled \(name), country admin of \(enrolled.authority): approve or reject it",
                    transaction
                )
            }
            return try answer(enrolled, pem)
        }
    }

    /// Approves (or rejects, revoking its certificate) a country admin account awaiting the Board's
    /// approval. Board admins only; audited like every write; the account's CNA is told.
    public func decideOnAccount(
        name: String,
        approve: Bool,
        reason: String,
        by caller: Caller,
        payload: Data,
        answer: @escaping @Sendable (Account) throws -> Data
    ) async throws -> Data {
        // A reason is required to reject, optional to approve.
        let reason = approve && reason.isEmpty ? "" : try InputCheck.text(reason, field: "reason", max: 1024)
        guard let administration = self.administration else {
            throw ExchangeError(
                "enrolment_unavailable",
                "this exchange administers accounts through its operator, not over the wire"
            )
        }
        return try await self.write(
            caller,
            action: approve ? "account.approve" : "account.reject",
            subject: name,
            payload: payload
        ) { transaction in
            guard let account = self.directory.accounts.first(where: { $0.name == name }) else {
                throw ExchangeError("account_not_found", "no account is named \(name)")
            }
            let fingerprint = account.certificateFingerprint
            guard account.pendingApproval, !self.directory.isRevoked(fingerprint: fingerprint) else {
                throw ExchangeError("account_not_pending", "\(name) is not awaiting approval")
            }
            let decided: Account
            if approve {
                decided = try administration.approve(fingerprint: fingerprint)
            } else {
                try administration.revoke(fingerprint: fingerprint)
                decided = account
            }
            let summary =
                approve
                ? "the Board approved \(name), country admin of \(account.authority)"
                : "the Board rejected \(name), country admin of \(account.authority): \(reason)"
            try self.notifyAboutAccount(
                decided,
                to: account.authority,
                approve ? "account_approved" : "account_rejected",
                summary,
                transaction
            )
            return try answer(decided)
        }
    }

    private func notifyAboutAccount(
        _ account: Account,
        to recipient: String,
        _ kind: String,
        _ summary: String,
        _ transaction: any LedgerTransaction
    ) throws {
        try transaction.appendEvent(
            Self.event(
                about: "account/\(account.name)",
                status: kind == "account_rejected" ? "revoked" : account.pendingApproval ? "pending" : "active",
                to: recipient,
                kind,
                summary,
                at: self.moment.milliseconds
            )
        )
    }
}
