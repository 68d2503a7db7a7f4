import Foundation
import LicitExchange
import LicitSeal
import LicitStorage
import LicitWire

/// `licit.v1.Board/ListAudit`: the Board reads the exchange's hash-chained audit trail, in pages;
/// `GetAuditCheckpoint` and `DeliverAuditCheckpoint`: its head, sealed.
struct AuditMethods: Sendable {
    let exchange: Exchange

    var handlers: [MethodHandler] {
        let exchange = self.exchange
        return [
            .read(LicitMethod.Board.listAudit, BoardMethods.board, self.listAudit),
            .read(LicitMethod.Board.getAuditCheckpoint, BoardMethods.board) {
                (_, _: Licit_V1_GetAuditCheckpointRequest) in Self.wire(try await exchange.checkpoint())
            },
            MethodHandler(
                name: LicitMethod.Board.deliverAuditCheckpoint,
                allowedRoles: [.boardAdmin],
                isWrite: true,
                body: .unary { context, payload in
                    _ = try SessionMethods.decode(Licit_V1_DeliverAuditCheckpointRequest.self, payload)
                    let delivered = try await exchange.deliverCheckpoint(by: context.caller, payload: payload)
                    return try Self.wire(delivered).serializedData()
                }
            ),
        ]
    }

    static func wire(_ checkpoint: AuditCheckpoint) -> Licit_V1_AuditCheckpoint {
        .with {
            $0.sequence = checkpoint.sequence
            $0.headHash = checkpoint.headHash
            $0.atMs = checkpoint.atMilliseconds
            $0.keyID = checkpoint.keyID
            $0.signature = checkpoint.signature
            $0.line = checkpoint.line
        }
    }

    @Sendable private func listAudit(
        _ context: CallContext,
        _ request: Licit_V1_ListAuditRequest
    ) async throws -> Licit_V1_ListAuditResponse {
        let (page, next) = try await self.exchange.auditPage(
            after: request.afterSequence,
            pageSize: request.pageSize
        )
        return .with {
            $0.entries = page.records.map(Self.entry)
            $0.nextAfterSequence = next
            $0.headSequence = page.headSequence
            $0.headHash = page.headHash
        }
    }

    static func entry(_ record: AuditRecord) -> Licit_V1_AuditEntry {
        .with {
            $0.sequence = record.sequence
            $0.atMs = record.at
            $0.actor = record.actor
            $0.certificate = record.certificate
            $0.action = record.action
            $0.subject = record.subject
            $0.outcome = record.outcome
            $0.detail = record.detail
            $0.previousHash = record.previousHash
            $0.hash = record.hash
        }
    }
}
