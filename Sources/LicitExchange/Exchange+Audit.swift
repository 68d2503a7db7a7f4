import LicitModel
import LicitStorage

/// The exchange's hash-chained audit trail, read by the Board in pages.
extension Exchange {
    /// Records in a page when the request gives no page size.
    public static let defaultAuditPageSize = 100
    /// The largest page a request may ask for.
    public static let maximumAuditPageSize = 1000

    /// The records after `sequence` (`pageSize` 0: the default), with the chain's head, and the
    /// sequence the next page starts after (0: none is left).
    public func auditPage(
        after sequence: UInt64,
        pageSize: Int
    ) async throws -> (
        page: AuditPage, nextAfterSequence: UInt64
    ) {
        guard pageSize <= Self.maximumAuditPageSize else {
            throw ExchangeError(
                "page_size_too_large",
                "page_size must be at most \(Self.maximumAuditPageSize) (0 means \(Self.defaultAuditPageSize)); "
                    + "ask for the rest with after_sequence",
                facts: ["max_page_size": .number(Int64(Self.maximumAuditPageSize))]
            )
        }
        let limit = pageSize == 0 ? Self.defaultAuditPageSize : pageSize
        let page = try await self.storage.auditPage(after: sequence, limit: limit)
        let last = page.records.last?.sequence ?? 0
        return (page, page.records.count == limit && last < page.headSequence ? last : 0)
    }
}
