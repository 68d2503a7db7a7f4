import Foundation
import LicitWire

/// Reference data, traders, accounts and the inbox.
extension LicitClient {
    /// Countries, CNAs, the substance catalogue, estimates and assessments, prohibitions and
    /// the caller's traders; country-specific entries limited to `country` when given.
    public func reference(country: String = "") async throws -> Licit_V1_ReferenceData {
        try await self.unary(
            LicitMethod.Reference.getReference,
            Licit_V1_GetReferenceRequest.with { $0.country = country }
        )
    }

    /// Adds or replaces reference data (board admins).
    public func importReference(
        _ data: Licit_V1_ReferenceData,
        requestID: String = LicitClient.makeRequestID()
    ) async throws -> Licit_V1_ImportReferenceResponse {
        try await self.unary(LicitMethod.Reference.importReference, data, requestID: requestID)
    }

    /// Registers (or updates) one of the caller's CNA's traders; the exchange assigns an id when none is given.
    public func registerTrader(
        _ trader: Licit_V1_Trader,
        requestID: String = LicitClient.makeRequestID()
    ) async throws -> Licit_V1_Trader {
        let response: Licit_V1_RegisterTraderResponse = try await self.unary(
            LicitMethod.Reference.registerTrader,
            Licit_V1_RegisterTraderRequest.with { $0.trader = trader },
            requestID: requestID
        )
        return response.trader
    }

    public func accounts() async throws -> [Licit_V1_Account] {
        let response: Licit_V1_ListAccountsResponse = try await self.unary(
            LicitMethod.Reference.listAccounts,
            Licit_V1_ListAccountsRequest()
        )
        return response.accounts
    }

    /// One page of the caller's inbox after `sequence`, with the account's acknowledged cursor.
    public func inboxEvents(after sequence: UInt64 = 0, limit: Int = 100) async throws -> Licit_V1_ListEventsResponse {
        try await self.unary(
            LicitMethod.Inbox.listEvents,
            Licit_V1_ListEventsRequest.with {
                $0.afterSequence = sequence
                $0.limit = UInt32(limit)
            }
        )
    }

    /// Marks every event up to `sequence` processed; the cursor never moves back.
    @discardableResult
    public func acknowledge(
        through sequence: UInt64,
        requestID: String = LicitClient.makeRequestID()
    ) async throws -> UInt64 {
        let response: Licit_V1_AcknowledgeResponse = try await self.unary(
            LicitMethod.Inbox.acknowledge,
            Licit_V1_AcknowledgeRequest.with { $0.throughSequence = sequence },
            requestID: requestID
        )
        return response.acknowledged
    }

    /// The inbox, live: every event after the account's acknowledged cursor (or after
    /// `sequence`), then new ones as they happen. Delivery is at least once: acknowledge what
    /// you processed, and resume from the cursor after a reconnection.
    public func inbox(after sequence: UInt64? = nil) async throws -> AsyncThrowingStream<Licit_V1_InboxEvent, any Error>
    {
        let request = Licit_V1_SubscribeRequest.with {
            $0.fromCursor = sequence == nil
            $0.afterSequence = sequence ?? 0
        }
        let events = try await self.subscribe(
            method: LicitMethod.Inbox.subscribe,
            payload: try request.serializedData()
        )
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    for try await event in events {
                        continuation.yield(try Licit_V1_InboxEvent(licitPayload: event.payload))
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}

extension LicitClient {
    /// Revokes a certificate (board admins: any; country admins: their country's accounts).
    public func revokeCertificate(
        fingerprint: String,
        reason: String,
        requestID: String = LicitClient.makeRequestID()
    ) async throws -> Licit_V1_Account {
        let response: Licit_V1_RevokeCertificateResponse = try await self.unary(
            LicitMethod.Reference.revokeCertificate,
            Licit_V1_RevokeCertificateRequest.with {
                $0.fingerprint = fingerprint
                $0.reason = reason
            },
            requestID: requestID
        )
        return response.account
    }
}

extension LicitClient {
    /// Enrols a new account (board admins: any; country admins: their country's CNAs) with a
    /// certificate the exchange's CA issues for the key in `certificateRequest` (PKCS #10, DER).
    public func enrollAccount(
        name: String,
        role: Licit_V1_Role,
        authority: String = "",
        certificateRequest: Data,
        requestID: String = LicitClient.makeRequestID()
    ) async throws -> Licit_V1_EnrollAccountResponse {
        try await self.unary(
            LicitMethod.Reference.enrollAccount,
            Licit_V1_EnrollAccountRequest.with {
                $0.name = name
                $0.role = role
                $0.authority = authority
                $0.certificateRequest = certificateRequest
            },
            requestID: requestID
        )
    }
}

extension LicitClient {
    /// Approves a country admin account awaiting the Board's approval, or rejects it (its
    /// certificate is revoked; `reason` required). Board admins.
    public func approveAccount(
        name: String,
        approve: Bool,
        reason: String = "",
        requestID: String = LicitClient.makeRequestID()
    ) async throws -> Licit_V1_Account {
        let response: Licit_V1_ApproveAccountResponse = try await self.unary(
            LicitMethod.Reference.approveAccount,
            Licit_V1_ApproveAccountRequest.with {
                $0.name = name
                $0.approve = approve
                $0.reason = reason
            },
            requestID: requestID
        )
        return response.account
    }
}
