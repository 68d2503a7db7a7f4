import Foundation
import GRDB
import LicitStorage
import Synchronization

/// The embedded store: SQLite in WAL mode with `synchronous=FULL`, so that a committed
/// transaction survives power loss, not only a process crash (DESIGN.md §4, §8).
///
/// Writes are **group-committed**: whoever submits a write while none is committing becomes the
/// committer and takes every write waiting, in one transaction — with no timer, so a lone write
/// is never delayed. Each write runs in its own savepoint with its idempotency record and its
/// audit record; each caller is answered only after the shared transaction is durable.
public final class SQLiteStore: Sendable {
    let pool: DatabasePool
    private let queue = Mutex(WriteQueue())
    private let clock: @Sendable () -> Int64

    /// Opens (creating if needed) the database at `path` and applies the migrations.
    public init(
        path: String,
        clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) }
    ) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        self.pool = try DatabasePool(path: path, configuration: configuration)
        self.clock = clock
        // DatabasePool sets synchronous=NORMAL on its writer after prepareDatabase runs, and WAL
        // with NORMAL can lose the last commits on power loss: set FULL on the writer here.
        try self.pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        try StoreMigrations.migrator.migrate(self.pool)
    }

    /// Applies `write` exactly once per (authority, request id) and returns its response: the
    /// stored one when the same request is replayed.
    public func perform(_ write: DurableWrite) async throws -> Data {
        try await withCheckedThrowingContinuation { continuation in
            let leads = self.queue.withLock { $0.submit(Job(write: write, continuation: continuation)) }
            if leads { self.commitWaitingWrites() }
        }
    }

    /// How many transactions committed writes, and how many writes they carried.
    public var commitStatistics: (transactions: Int, writes: Int) {
        self.queue.withLock { ($0.transactions, $0.writes) }
    }

    /// Every audit record in sequence order.
    public func auditRecords() throws -> [AuditRecord] {
        try self.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit ORDER BY sequence").map(AuditRecord.init(row:))
        }
    }

    /// Recomputes the audit chain from the database; the first broken link, or nil.
    public func verifyAudit() throws -> AuditChain.BrokenLink? {
        AuditChain.verify(try self.auditRecords())
    }

    /// The committer's loop, on GRDB's writer queue (never blocking Swift's cooperative threads):
    /// commit batches until no write is waiting, answering each batch once it is durable.
    private func commitWaitingWrites() {
        self.pool.asyncWriteWithoutTransaction { db in
            while let batch = self.queue.withLock({ $0.takeBatch() }) {
                var results: [Result<Data, any Error>] = []
                do {
                    try db.inTransaction(.immediate) {
                        results = batch.map { job in self.apply(job.write, in: db) }
                        return .commit
                    }
                } catch {
                    // The transaction itself failed (disk full, I/O error): nothing in it is durable.
                    results = batch.map { _ in .failure(error) }
                }
                self.queue.withLock { $0.committed(batch.count) }
                for (job, result) in zip(batch, results) { job.continuation.resume(with: result) }
            }
        }
    }

    /// One write inside the shared transaction: a replay returns the stored response; a new
    /// request applies its effect, audit record and idempotency record in one savepoint; a
    /// refused one (by its effect, or for reusing a request id) leaves only an audit record.
    private func apply(_ write: DurableWrite, in db: Database) -> Result<Data, any Error> {
        do {
            if let previous = try Row.fetchOne(
                db,
                sql: "SELECT payload_digest, response FROM request WHERE authority = ? AND request_id = ?",
                arguments: [write.authority, write.requestID]
            ) {
                guard (previous["payload_digest"] as Data) == write.payloadDigest else {
                    throw StoreError.requestIDReused
                }
                return .success(previous["response"] as Data)
            }
            var response = Data()
            try db.inSavepoint {
                response = try write.effect(db)
                let record = try self.appendAudit(write, outcome: "ok", detail: "", in: db)
                try db.execute(
                    sql: """
                        INSERT INTO request (authority, request_id, payload_digest, response, audit_sequence)
                        VALUES (?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        write.authority, write.requestID, write.payloadDigest, response, Int64(record.sequence),
                    ]
                )
                return .commit
            }
            return .success(response)
        } catch {
            // Every denied attempt is audited, in the same transaction as the writes beside it.
            _ = try? self.appendAudit(write, outcome: "refused", detail: "\(error)", in: db)
            return .failure(error)
        }
    }

    private func appendAudit(
        _ write: DurableWrite,
        outcome: String,
        detail: String,
        in db: Database
    ) throws -> AuditRecord {
        let last = try Row.fetchOne(db, sql: "SELECT * FROM audit ORDER BY sequence DESC LIMIT 1").map(
            AuditRecord.init(row:)
        )
        var chain = AuditChain(after: last)
        let record = chain.append(
            at: self.clock(),
            actor: write.actor,
            certificate: write.certificate,
            action: write.action,
            subject: write.subject,
            outcome: outcome,
            detail: detail
        )
        try db.execute(
            sql: """
                INSERT INTO audit (sequence, at, actor, certificate, action, subject, outcome, detail, previous_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                Int64(record.sequence), record.at, record.actor, record.certificate, record.action, record.subject,
                record.outcome, record.detail, record.previousHash, record.hash,
            ]
        )
        return record
    }
}

/// Writes waiting to be committed, and whether a committer is at work.
struct WriteQueue {
    private var pending: [Job] = []
    private var committing = false
    private(set) var transactions = 0
    private(set) var writes = 0

    /// Queues a job; returns true when the caller must become the committer.
    mutating func submit(_ job: Job) -> Bool {
        self.pending.append(job)
        guard !self.committing else { return false }
        self.committing = true
        return true
    }

    /// Every waiting job, or nil (and the committer steps down) when none is left.
    mutating func takeBatch() -> [Job]? {
        guard !self.pending.isEmpty else {
            self.committing = false
            return nil
        }
        defer { self.pending = [] }
        return self.pending
    }

    mutating func committed(_ count: Int) {
        self.transactions += 1
        self.writes += count
    }
}

struct Job: Sendable {
    let write: DurableWrite
    let continuation: CheckedContinuation<Data, any Error>
}

extension AuditRecord {
    init(row: Row) {
        self.init(
            sequence: UInt64(row["sequence"] as Int64),
            at: row["at"],
            actor: row["actor"],
            certificate: row["certificate"],
            action: row["action"],
            subject: row["subject"],
            outcome: row["outcome"],
            detail: row["detail"],
            previousHash: row["previous_hash"],
            hash: row["hash"]
        )
    }
}
