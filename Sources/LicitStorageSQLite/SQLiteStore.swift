import Foundation
import GRDB
import LicitModel
import LicitStorage
import Metrics
import Synchronization

/// The embedded store: SQLite in WAL mode with `synchronous=FULL`, so that a committed
/// transaction survives power loss, not only a process crash (docs/ARCHITECTURE.md §4, §6).
///
/// Writes are **group-committed**: whoever submits a write while none is committing becomes the
/// committer and takes every write waiting, in one transaction — with no timer, so a lone write
/// is never delayed. Each write runs in its own savepoint with its idempotency record and its
/// audit record; each caller is answered only after the shared transaction is durable.
public final class SQLiteStore: Storage, CommittedEventsFeed {
    let pool: DatabasePool
    private let queue = Mutex(WriteQueue())
    /// Who is told of the events each commit wrote (``CommittedEventsFeed``).
    private let feeds = Mutex<[@Sendable ([InboxEntry], UInt64) -> Void]>([])
    /// Held while the store is open: one writer per database (see ``WriterLock``).
    private let lock: WriterLock
    /// Copies the WAL back into the database off the writer's path (see ``WALCheckpointer``).
    let checkpointer: WALCheckpointer
    /// Shared by the writer and the readers: each remembers documents the other will need.
    private let codec = DocumentStateCodec()

    /// Opens (creating if needed) the database at `path` and applies the migrations. Throws
    /// ``ExchangeError/databaseInUse(_:by:)`` when another store (another daemon) has it open.
    public convenience init(path: String) throws {
        try self.init(path: path, checkpointAfter: 10_000)
    }

    /// `checkpointAfter`: the WAL's pages that start a checkpoint (see ``WALCheckpointer``).
    init(path: String, checkpointAfter pages: Int) throws {
        self.lock = try WriterLock(database: path)
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        // Another process briefly holding a lock (an `audit verify`) is waited for, not an error.
        configuration.busyMode = .timeout(10)
        self.pool = try DatabasePool(path: path, configuration: configuration)
        // DatabasePool sets synchronous=NORMAL on its writer after prepareDatabase runs, and WAL
        // with NORMAL can lose the last commits on power loss: set FULL on the writer here.
        // Each write's savepoint journals the pages it changes so that it alone can be rolled back;
        // that journal is kept in memory (temp_store), not in a temporary file written page by page.
        // The WAL is copied back into the database by the checkpointer, not inside a COMMIT.
        let checkpointer = try WALCheckpointer(path: path, threshold: pages)
        self.checkpointer = checkpointer
        try self.pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL; PRAGMA temp_store = MEMORY")
            checkpointer.watch(db)
        }
        try StoreMigrations.migrator.migrate(self.pool)
        try self.pool.write(Self.bindRowsWrittenBeforeBinding)
    }

    public func write(
        _ intent: WriteIntent,
        _ effect: @escaping @Sendable (any LedgerTransaction) throws -> Data
    ) async throws -> Data {
        try await self.submit(intent, .effect(effect))
    }

    public func recordDenial(_ intent: WriteIntent, reason: String, detail: String) async throws {
        _ = try await self.submit(intent, .denial(reason: reason, detail: detail))
    }

    public func read<Value: Sendable>(
        _ body: @escaping @Sendable (any LedgerReader) throws -> Value
    ) async throws -> Value {
        try await self.pool.read { db in try body(SQLiteLedger(db, codec: self.codec)) }
    }

    public func auditRecords() async throws -> [AuditRecord] {
        try await self.pool.read(Self.auditRecords)
    }

    /// The whole trail, in order.
    static func auditRecords(_ db: Database) throws -> [AuditRecord] {
        try Row.fetchAll(db, sql: "SELECT * FROM audit ORDER BY sequence").map(AuditRecord.init(row:))
    }

    /// Closes the database once the writes in progress are done, and lets another store open it.
    public func close() throws {
        try self.pool.writeWithoutTransaction(self.checkpointer.unwatch)
        try self.checkpointer.close()
        try self.pool.close()
        self.lock.release()
    }

    /// How many transactions committed writes, and how many writes they carried.
    public var commitStatistics: (transactions: Int, writes: Int) {
        self.queue.withLock { ($0.transactions, $0.writes) }
    }

    private func submit(_ intent: WriteIntent, _ work: Job.Work) async throws -> Data {
        try await withCheckedThrowingContinuation { continuation in
            let leads = self.queue.withLock {
                $0.submit(Job(intent: intent, work: work, continuation: continuation))
            }
            if leads { self.commitWaitingWrites() }
        }
    }

    /// The committer's loop, on GRDB's writer queue (never blocking Swift's cooperative threads):
    /// commit batches until no write is waiting, answering each batch once it is durable.
    private func commitWaitingWrites() {
        self.pool.asyncWriteWithoutTransaction { db in
            while let batch = self.queue.withLock({ $0.takeBatch() }) {
                var results: [Result<Data, any Error>] = []
                var events: [InboxEntry] = []
                let started = ContinuousClock.now
                defer {
                    Self.batchSizes.record(batch.count)
                    Self.commitDurations.record(duration: started.duration(to: .now))
                }
                var applied = started
                do {
                    try db.inTransaction(.immediate) {
                        // The head as committed, never as remembered: whatever happened to the
                        // database since, this batch continues the trail where it really ends.
                        var chain = try Self.chainHead(db)
                        results = batch.map { job in self.apply(job, chain: &chain, events: &events, in: db) }
                        try db.cachedStatement(
                            sql: """
                                UPDATE audit_head SET sequence = ?, hash = ?, clock_floor = ? WHERE id = 1
                                """
                        ).execute(arguments: [Int64(chain.head.sequence), chain.head.hash, chain.latest])
                        applied = .now
                        return .commit
                    }
                    Self.syncDurations.record(duration: applied.duration(to: .now))
                } catch {
                    // The transaction failed (disk full, I/O error): it was rolled back and no caller is
                    // told it succeeded; each is told to retry with its request id.
                    results = batch.map { _ in .failure(ExchangeError.unavailable(error)) }
                    events = []
                }
                self.queue.withLock { $0.committed(batch.count) }
                for (job, result) in zip(batch, results) { job.continuation.resume(with: result) }
                // After the writers: their answers go out before the subscribers' wake-ups.
                self.publish(events)
            }
        }
    }

    public func publishCommittedEvents(to deliver: @escaping @Sendable ([InboxEntry], UInt64) -> Void) throws {
        // On the writer, between two commits: no event is committed unseen in between.
        try self.pool.writeWithoutTransaction { db in
            let head = UInt64(try Int64.fetchOne(db, sql: "SELECT max(sequence) FROM inbox_event") ?? 0)
            self.feeds.withLock { $0.append(deliver) }
            deliver([], head)
        }
    }

    /// Tells the feeds of the events a durable commit wrote. On the writer.
    private func publish(_ events: [InboxEntry]) {
        guard let last = events.last else { return }
        for feed in self.feeds.withLock({ $0 }) { feed(events, last.sequence) }
    }

    /// Writes per committed transaction (group commit), and how long each took, fsync included.
    static let batchSizes = Recorder(label: "licit_commit_batch_size")
    static let commitDurations = Metrics.Timer(label: "licit_commit_duration_seconds")
    /// The COMMIT itself: the WAL written and synced to the disk (`synchronous=FULL`).
    static let syncDurations = Metrics.Timer(label: "licit_commit_sync_seconds")

    /// One write inside the shared transaction: a replay returns the stored response; a new
    /// request applies its effect, audit record and idempotency record in one savepoint; a
    /// refused one (by its effect, or for reusing a request id) leaves only an audit record.
    private func apply(
        _ job: Job,
        chain: inout AuditChain,
        events: inout [InboxEntry],
        in db: Database
    ) -> Result<Data, any Error> {
        let intent = job.intent
        let effect: @Sendable (any LedgerTransaction) throws -> Data
        switch job.work {
        case .denial(let reason, let detail):
            return Result { try self.appendAudit(intent, outcome: reason, detail: detail, chain: &chain, in: db) }
                .map { _ in Data() }
        case .effect(let body):
            effect = body
        }
        var savepointChain = chain
        do {
            if let previous = try Row.fetchOne(
                try db.cachedStatement(
                    sql: "SELECT payload_digest, response FROM request WHERE authority = ? AND request_id = ?"
                ),
                arguments: [intent.authority, intent.requestID]
            ) {
                guard (previous["payload_digest"] as Data) == intent.payloadDigest else {
                    throw ExchangeError.requestIDReused
                }
                return .success(previous["response"] as Data)
            }
            var response = Data()
            var appended: [InboxEntry] = []
            try db.inPreparedSavepoint {
                let ledger = SQLiteLedger(db, codec: self.codec, remembersRows: true)
                response = try effect(ledger)
                appended = ledger.appendedEvents
                // The idempotency record is bound too: its response is what a retry is answered.
                let request = RowBinding.Row(
                    table: "request",
                    key: [intent.authority, intent.requestID].map(\.databaseValue)
                )
                let requestValues: [DatabaseValue] = [
                    intent.authority.databaseValue, intent.requestID.databaseValue, intent.payloadDigest.databaseValue,
                    response.databaseValue, Int64(savepointChain.head.sequence + 1).databaseValue,
                ]
                let rows =
                    try ledger.touchedDigests() + [
                        (request, RowBinding.digest(table: "request", values: requestValues))
                    ]
                let record = try self.appendAudit(
                    intent,
                    outcome: "ok",
                    detail: RowBinding.detail(rows),
                    chain: &savepointChain,
                    in: db
                )
                try db.run(
                    """
                    INSERT INTO request (authority, request_id, payload_digest, response, audit_sequence)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                    [
                        intent.authority.databaseValue, intent.requestID.databaseValue,
                        intent.payloadDigest.databaseValue, response.databaseValue,
                        Int64(record.sequence).databaseValue,
                    ]
                )
            }
            chain = savepointChain
            events += appended
            return .success(response)
        } catch {
            // Every denied attempt is audited, in the same transaction as the writes beside it.
            _ = try? self.appendAudit(
                intent,
                outcome: AuditRecord.outcome(refusedBy: error),
                detail: "\(error)",
                chain: &chain,
                in: db
            )
            return .failure(error)
        }
    }

    private func appendAudit(
        _ intent: WriteIntent,
        outcome: String,
        detail: String,
        chain: inout AuditChain,
        in db: Database
    ) throws -> AuditRecord {
        var next = chain
        let record = next.append(
            at: intent.at,
            actor: intent.actor,
            certificate: intent.certificate,
            action: intent.action,
            subject: intent.subject,
            outcome: outcome,
            detail: detail
        )
        try Self.insert(record, in: db)
        chain = next
        return record
    }

    private static func insert(_ record: AuditRecord, in db: Database) throws {
        try db.run(
            """
            INSERT INTO audit (sequence, at, actor, certificate, action, subject, outcome, detail, previous_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                Int64(record.sequence).databaseValue, record.at.databaseValue, record.actor.databaseValue,
                record.certificate.databaseValue, record.action.databaseValue, record.subject.databaseValue,
                record.outcome.databaseValue, record.detail.databaseValue, record.previousHash.databaseValue,
                record.hash.databaseValue,
            ]
        )
    }

    /// The trail's head as the last commit left it.
    static func chainHead(_ db: Database) throws -> AuditChain {
        let head = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT sequence, hash, clock_floor FROM audit_head WHERE id = 1")
        )!
        return AuditChain(sequence: UInt64(head["sequence"] as Int64), hash: head["hash"], latest: head["clock_floor"])
    }

    /// Binds the rows a database held before every row was bound to the trail (an upgrade), in
    /// one audit record of the exchange's own, once. Documents were bound already.
    static func bindRowsWrittenBeforeBinding(_ db: Database) throws {
        guard try Int64.fetchOne(db, sql: "SELECT rows_bound FROM audit_head WHERE id = 1") == 0 else { return }
        try Self.bind(
            db,
            tables: RowBinding.tables.map(\.name).filter { $0 != "document" },
            action: "storage.bind_rows",
            subject: "rows written before every row was bound to the trail"
        )
        try db.execute(sql: "UPDATE audit_head SET rows_bound = 1 WHERE id = 1")
    }

    /// Binds every row of `tables` as it stands, in one audit record of the exchange's own: after
    /// a migration changed those rows' shape, so that `audit verify` checks them from then on.
    static func rebind(_ db: Database, tables: [String], because reason: String) throws {
        // Rows not yet bound at all are bound at the next start, with every other table.
        guard try Int64.fetchOne(db, sql: "SELECT rows_bound FROM audit_head WHERE id = 1") == 1 else { return }
        try Self.bind(db, tables: tables, action: "storage.rebind_rows", subject: reason)
    }

    private static func bind(_ db: Database, tables: [String], action: String, subject: String) throws {
        var rows: [(RowBinding.Row, String)] = []
        // A table a later migration makes is not there yet when an earlier one binds.
        let existing = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
        for table in tables where existing.contains(table) {
            let key = RowBinding.keyColumns[table]!
            for row in try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"") {
                let name = RowBinding.Row(table: table, key: key.map { row[$0] as DatabaseValue })
                rows.append((name, RowBinding.digest(table: table, values: Array(row.databaseValues))))
            }
        }
        guard !rows.isEmpty else { return }
        var chain = try Self.chainHead(db)
        let record = chain.append(
            at: chain.latest,
            actor: "",
            certificate: "",
            action: action,
            subject: subject,
            outcome: "ok",
            detail: RowBinding.detail(rows)
        )
        try Self.insert(record, in: db)
        try db.execute(
            sql: "UPDATE audit_head SET sequence = ?, hash = ? WHERE id = 1",
            arguments: [Int64(record.sequence), record.hash]
        )
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
    enum Work: Sendable {
        case effect(@Sendable (any LedgerTransaction) throws -> Data)
        case denial(reason: String, detail: String)
    }

    let intent: WriteIntent
    let work: Work
    let continuation: CheckedContinuation<Data, any Error>
}

extension ExchangeError {
    /// The database could not commit (disk full, I/O error): nothing was applied; retry later
    /// with the same request id.
    static func unavailable(_ error: any Error) -> ExchangeError {
        ExchangeError(
            .storageUnavailable,
            "the exchange could not commit the write (\((error as? DatabaseError)?.message ?? "storage error")); retry with the same request id: it is applied once",
            cause: error
        )
    }
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
