import LicitModel
import LicitStorage

/// The exchange's hash-chained audit trail, read by the Board in pages.
extension Exchange {
    /// The records after `sequence` (`pageSize` 0: the default), with the chain's head, and the
    /// sequence the next page starts after (0: none is left).
    public func auditPage(
        after sequence: UInt64,
        pageSize: UInt32
    ) async throws -> (
        page: AuditPage, nextAfterSequence: UInt64
    ) {
        let limit = try PageSize.audit.resolve(pageSize)
        let page = try await self.storage.auditPage(after: sequence, limit: limit)
        let last = page.records.last?.sequence ?? 0
        return (page, page.records.count == limit && last < page.headSequence ? last : 0)
    }
}
