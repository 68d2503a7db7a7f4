import Foundation
import LicitModel
import LicitStorage
import LicitWire

/// `licit.v1.Board/ListAudit`: the Board reads the exchange's hash-chained audit trail, in pages.
struct AuditMethods: Sendable {
    let exchange: ExchangeContext

    /// Records in a page when the request gives no page size.
    static let defaultPageSize: UInt32 = 100
    /// The largest page a request may ask for.
    static let maximumPageSize: UInt32 = 1000

    var handlers: [MethodHandler] {
        [.read(LicitMethod.Board.listAudit, BoardMethods.board, self.listAudit)]
    }

    @Sendable private func listAudit(
        _ context: CallContext,
        _ request: Licit_V1_ListAuditRequest
    ) async throws -> Licit_V1_ListAuditResponse {
        guard request.pageSize <= Self.maximumPageSize else {
            throw ExchangeError(
                "page_size_too_large",
                "page_size must be at most \(Self.maximumPageSize) (0 means \(Self.defaultPageSize)); "
                    + "ask for the rest with after_sequence",
                facts: ["max_page_size": .number(Int64(Self.maximumPageSize))]
            )
        }
        let limit = Int(request.pageSize == 0 ? Self.defaultPageSize : request.pageSize)
        let page = try await self.exchange.storage.auditPage(after: request.afterSequence, limit: limit)
        let last = page.records.last?.sequence ?? 0
        return .with {
            $0.entries = page.records.map(Self.entry)
            $0.nextAfterSequence = page.records.count == limit && last < page.headSequence ? last : 0
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
