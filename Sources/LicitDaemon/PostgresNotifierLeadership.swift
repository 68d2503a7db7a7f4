import LicitNotifications
import LicitStoragePostgres

/// Daemons sharing PostgreSQL elect their notifier with an advisory lock: one delivers, and when
/// its connection to the database fails, another takes over.
struct PostgresNotifierLeadership: NotifierLeadership {
    /// "LICIT_NT".
    static let lockKey: Int64 = 0x4C49_4349_545F_4E54
    let backend: PostgresBackend

    func whileLeading(_ body: @escaping @Sendable () async throws -> Void) async throws {
        try await self.backend.whileHoldingLock(Self.lockKey, body)
    }
}
