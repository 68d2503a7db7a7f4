import Foundation
import PostgresNIO

/// What the daemons on one database share beyond the ledger: the accounts they serve, and each
/// authority's write pace.
extension PostgresBackend {
    /// The key of the advisory lock a change of the accounts document holds.
    static let accountsLockKey: Int64 = 0x4C49_4349_545F_4143  // "LICIT_AC"

    /// The accounts document (JSON, the accounts file's content) and its version, when its
    /// version is not `known`: asked often, it costs one small query while nothing changed.
    public func accountsDocument(unless known: Int64) async throws -> (version: Int64, body: Data)? {
        try await self.storageCall {
            try await self.withConnection(within: Self.writeSessionTimeout) { connection in
                let rows = try await connection.query(
                    "SELECT version, body::text FROM accounts_document WHERE id = 1 AND version <> \(known)",
                    logger: self.logger
                ).collect()
                return try rows.first.map { row in
                    let (version, body) = try row.decode((Int64, String).self)
                    return (version, Data(body.utf8))
                }
            }
        }
    }

    /// Replaces the accounts document with `change` of it (nil before any), one change at a time
    /// across daemons; returns the new version and document.
    public func changeAccountsDocument(
        _ change: @escaping @Sendable (Data?) throws -> Data
    ) async throws -> (version: Int64, body: Data) {
        try await self.storageCall {
            try await self.withConnection(within: Self.writeSessionTimeout) { connection in
                try await self.transaction(connection, begin: "BEGIN") { _ in
                    try await connection.query(
                        "SELECT pg_advisory_xact_lock(\(Self.accountsLockKey))",
                        logger: self.logger
                    )
                    let current = try await connection.query(
                        "SELECT body::text FROM accounts_document WHERE id = 1",
                        logger: self.logger
                    ).collect().first?.decode(String.self)
                    let changed = try change(current.map { Data($0.utf8) })
                    let body = String(decoding: changed, as: UTF8.self)
                    let rows = try await connection.query(
                        """
                        INSERT INTO accounts_document VALUES (1, 1, \(body)::jsonb)
                        ON CONFLICT (id) DO UPDATE SET version = accounts_document.version + 1, body = EXCLUDED.body
                        RETURNING version
                        """,
                        logger: self.logger
                    ).collect()
                    return (try rows.first?.decode(Int64.self) ?? 0, changed)
                }
            }
        }
    }

    /// Takes a turn for one write of `authority` in the pace every daemon shares: granted with the
    /// wait before the write is on pace, or refused with how long after `maxWait` its turn would be.
    /// The database's clock times it, so daemons' clocks need not agree.
    public func reserveWrite(
        authority: String,
        interval: Duration,
        tolerance: Duration,
        maxWait: Duration
    ) async throws -> (granted: Bool, wait: Duration) {
        try await self.storageCall {
            try await self.withConnection(within: Self.writeSessionTimeout) { connection in
                let rows = try await connection.query(
                    """
                    SELECT granted, wait_us FROM licit_reserve_write(\(authority), \(interval.microseconds), \
                    \(tolerance.microseconds), \(maxWait.microseconds))
                    """,
                    logger: self.logger
                ).collect()
                guard let (granted, wait) = try rows.first?.decode((Bool, Int64).self) else {
                    throw PostgresStoreError.schemaMissing
                }
                return (granted, granted ? .microseconds(wait) : .microseconds(wait) - maxWait)
            }
        }
    }
}

extension Duration {
    fileprivate var microseconds: Int64 {
        let (seconds, attoseconds) = self.components
        return seconds * 1_000_000 + attoseconds / 1_000_000_000_000
    }
}
