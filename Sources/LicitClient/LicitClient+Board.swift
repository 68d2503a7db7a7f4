import Foundation
import LicitWire

/// The Board's oversight of trade, and the statistical returns (PROTOCOL.md §15.8).
extension LicitClient {
    /// EAs summed by exporting country, importing country, substance and status (board roles).
    public func tradeFlows(_ request: Licit_V1_TradeFlowsRequest = .init()) async throws -> [Licit_V1_TradeFlow] {
        let response: Licit_V1_TradeFlowsResponse = try await self.unary(LicitMethod.Board.tradeFlows, request)
        return response.flows
    }

    /// One page of overrides, emergency exports, overdue endorsements or withdrawn documents (board roles).
    public func oversight(_ request: Licit_V1_OversightRequest) async throws -> Licit_V1_OversightResponse {
        try await self.unary(LicitMethod.Board.listOversight, request)
    }

    /// Balances at or above `thresholdPercent` of their estimate or assessment (board roles).
    public func estimateWatch(
        year: Int = 0,
        thresholdPercent: Int = 0,
        substance: String = ""
    ) async throws -> [Licit_V1_EstimateWatchEntry] {
        let response: Licit_V1_EstimateWatchResponse = try await self.unary(
            LicitMethod.Board.estimateWatch,
            Licit_V1_EstimateWatchRequest.with {
                $0.year = UInt32(year)
                $0.thresholdPercent = UInt32(thresholdPercent)
                $0.substance = substance
            }
        )
        return response.entries
    }

    /// Countries not on the exchange that appear in documents recorded from paper (board roles).
    public func paperPartners() async throws -> [Licit_V1_PaperPartner] {
        let response: Licit_V1_PaperPartnersResponse = try await self.unary(
            LicitMethod.Board.paperPartners,
            Licit_V1_PaperPartnersRequest()
        )
        return response.partners
    }

    /// A statistical return: form "A", "A/P" (quarterly: `quarter` 1–4), "C" or "P" (annual).
    /// A CNA obtains its own country's (`country` empty); the Board any.
    public func statisticalReturn(
        form: String,
        year: Int,
        quarter: Int = 0,
        country: String = ""
    ) async throws -> Licit_V1_ReturnResponse {
        try await self.unary(
            LicitMethod.Board.getReturn,
            Licit_V1_ReturnRequest.with {
                $0.form = form
                $0.year = UInt32(year)
                $0.quarter = UInt32(quarter)
                $0.country = country
            }
        )
    }
}

extension LicitClient {
    /// How every method's calls ended on the exchange, by status code name (board roles).
    public func callCounters() async throws -> [String: [String: UInt64]] {
        let response: Licit_V1_CallCountersResponse = try await self.unary(
            LicitMethod.Board.getCallCounters,
            Licit_V1_CallCountersRequest()
        )
        return Dictionary(response.methods.map { ($0.method, $0.byStatus) }, uniquingKeysWith: { $1 })
    }

    /// One page of the exchange's audit trail: the records after sequence `after`, oldest first,
    /// with the chain's head (board roles). `pageSize` 0 means 100; at most 1000. Ask for the next
    /// page with `next_after_sequence` until it is 0.
    public func listAudit(after: UInt64 = 0, pageSize: Int = 0) async throws -> Licit_V1_ListAuditResponse {
        try await self.unary(
            LicitMethod.Board.listAudit,
            Licit_V1_ListAuditRequest.with {
                $0.afterSequence = after
                $0.pageSize = UInt32(clamping: pageSize)
            }
        )
    }

    /// The audit trail's head now, sealed with the exchange's key (board roles): keep it, and
    /// `licitd audit verify --checkpoints` shows any later rewrite of the trail up to it.
    /// ``Licit_V1_AuditCheckpoint/line`` is its one-line form.
    public func auditCheckpoint() async throws -> Licit_V1_AuditCheckpoint {
        try await self.unary(LicitMethod.Board.getAuditCheckpoint, Licit_V1_GetAuditCheckpointRequest())
    }

    /// The same, delivered to the Board's inbox (event `audit_checkpoint`) and to the operator's
    /// checkpoint file (board_admin; a write).
    public func deliverAuditCheckpoint(
        requestID: String = LicitClient.makeRequestID()
    ) async throws
        -> Licit_V1_AuditCheckpoint
    {
        try await self.unary(
            LicitMethod.Board.deliverAuditCheckpoint,
            Licit_V1_DeliverAuditCheckpointRequest(),
            requestID: requestID
        )
    }
}

extension Licit_V1_AuditCheckpoint {
    /// Whether the signature is the exchange's over this checkpoint (PROTOCOL.md §15.11).
    /// - Parameter publicKey: the exchange's raw 32-byte Ed25519 public key.
    public func isSealed(publicKey: Data) -> Bool {
        AuditCheckpoint(
            sequence: self.sequence,
            headHash: self.headHash,
            atMilliseconds: self.atMs,
            keyID: self.keyID,
            signature: self.signature
        ).isSealed(by: publicKey)
    }
}

extension Licit_V1_SealKeyResponse {
    /// Every key the exchange has sealed with (an exchange that lists none: its one key).
    public var allKeys: [Licit_V1_SealKeyInfo] {
        self.keys.isEmpty
            ? [
                .with {
                    $0.keyID = self.keyID
                    $0.publicKey = self.publicKey
                }
            ] : self.keys
    }

    /// The key, current or retired, whose seal `document` carries; nil when none verifies it.
    public func key(sealing document: Licit_V1_Document) -> Licit_V1_SealKeyInfo? {
        self.allKeys.reversed().first { document.isSealValid(publicKey: $0.publicKey) }
    }
}
