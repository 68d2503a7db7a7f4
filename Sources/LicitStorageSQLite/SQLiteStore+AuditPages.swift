import Foundation
import GRDB
import LicitStorage

extension SQLiteStore {
    /// A page of the `audit` table by sequence, and the head the last commit recorded in
    /// `audit_head`, in one read transaction: a commit cannot fall between them.
    public func auditPage(after sequence: UInt64, limit: Int) async throws -> AuditPage {
        try await self.pool.read { db in
            let records = try Row.fetchAll(
                try db.cachedStatement(sql: "SELECT * FROM audit WHERE sequence > ? ORDER BY sequence LIMIT ?"),
                arguments: [Int64(clamping: sequence), max(limit, 0)]
            ).map(AuditRecord.init(row:))
            // The migration that made `audit_head` gave it its one row; every commit moves it.
            guard let head = try Row.fetchOne(db, sql: "SELECT sequence, hash FROM audit_head WHERE id = 1") else {
                return AuditPage(records: records, headSequence: 0, headHash: AuditChain.genesisHash)
            }
            let sequence: Int64 = head["sequence"]
            let hash: Data = head["hash"]
            return AuditPage(records: records, headSequence: UInt64(sequence), headHash: hash)
        }
    }
}
