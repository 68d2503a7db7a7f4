import Foundation
import LicitModel
import Synchronization

/// What an asynchronous database gives a ``StagedStorage``: sessions that fetch rows and apply
/// changes without blocking a thread. PostgreSQL through postgres-nio is such a backend.
public protocol StagingBackend: Sendable {
    /// Runs `body` in one database transaction that no other write session interleaves with, and
    /// commits it durably when `body` returns (rolls it back when `body` throws).
    func withWriteSession<Value: Sendable>(
        _ body: @escaping @Sendable (any StagingSession) async throws -> Value
    ) async throws -> Value

    /// Runs `body` on one consistent snapshot of committed state.
    func withReadSession<Value: Sendable>(
        _ body: @escaping @Sendable (any StagingSession) async throws -> Value
    ) async throws -> Value

    /// Up to `limit` audit records after `sequence`, and the chain's head, on one snapshot.
    func auditPage(after sequence: UInt64, limit: Int) async throws -> AuditPage
}

/// One database transaction of a ``StagingBackend``.
public protocol StagingSession: Sendable {
    /// The rows that answer each read, in one round trip where the database allows.
    func fetch(_ reads: Set<LedgerRead>) async throws -> [LedgerRead: LedgerRows]
    /// The digest and response stored for an earlier write under the same idempotency key.
    func previousWrite(_ intent: WriteIntent) async throws -> (digest: Data, response: Data)?
    /// Applies a complete run's changes and remembers its response under its idempotency key.
    func commit(_ changes: [LedgerChange], of intent: WriteIntent, response: Data) async throws
    /// Appends an audit record to the chain, after its current head.
    func audit(_ intent: WriteIntent, outcome: String, detail: String) async throws
    /// Runs `body` in a savepoint: when it throws, what it changed is undone and the session
    /// goes on, so one failed write of a group commit does not fail the others. When the session
    /// cannot go on (the rollback itself failed), throws ``StagingSessionLost``.
    func savepoint<Value: Sendable>(_ body: () async throws -> Value) async throws -> Value
}

/// A write session that cannot go on: every write of its batch fails with `cause`.
public struct StagingSessionLost: Error {
    public let cause: any Error
    public init(_ cause: any Error) { self.cause = cause }
}

/// A ``Storage`` on an asynchronous backend: each effect runs on a ``StagedLedger``, again with
/// what it missed fetched, until a run is complete; its changes are then the write set. The
/// same contract as every store: exactly once per request id, refusals audited, writes one after
/// another.
///
/// Group commit, with no timer: whoever writes while no write session is open becomes the
/// committer and takes every waiting write into one session, each in its own savepoint, and
/// every caller is answered after the shared commit. A lone write is never held back; under load,
/// one commit (one disk flush, one turn of the backend's write lock) carries many writes.
public final class StagedStorage<Backend: StagingBackend>: Storage {
    public let backend: Backend
    private let fetchRounds = Atomic<Int>(0)
    private let queue = Mutex(StagedCommitQueue())

    public init(_ backend: Backend) {
        self.backend = backend
    }

    /// How many rounds of fetching missing rows the store has made: what the staging costs.
    public var rounds: Int { self.fetchRounds.load(ordering: .relaxed) }

    /// How many write sessions committed, and how many writes they carried.
    public var commitStatistics: (transactions: Int, writes: Int) {
        self.queue.withLock { ($0.transactions, $0.writes) }
    }

    public func write(
        _ intent: WriteIntent,
        _ effect: @escaping @Sendable (any LedgerTransaction) throws -> Data
    ) async throws -> Data {
        try await self.submit(StagedJob(intent: intent, work: .effect(effect)))
    }

    public func recordDenial(_ intent: WriteIntent, reason: String, detail: String) async throws {
        _ = try await self.submit(StagedJob(intent: intent, work: .denial(reason: reason, detail: detail)))
    }

    private func submit(_ job: StagedJob) async throws -> Data {
        try await withCheckedThrowingContinuation { continuation in
            var job = job
            job.continuation = continuation
            let leads = self.queue.withLock { $0.submit(job) }
            // The committer's loop is not the caller's task: a caller that gives up does not cut a
            // shared session short.
            if leads { Task { await self.commitWaitingWrites() } }
        }
    }

    /// Commits batches until no write is waiting, answering each batch once it is durable. A
    /// session that cannot commit (connection lost, server down) acknowledges none of its writes.
    private func commitWaitingWrites() async {
        while let batch = self.queue.withLock({ $0.takeBatch() }) {
            var results: [Result<Data, any Error>]
            do {
                results = try await self.backend.withWriteSession { session in
                    var results: [Result<Data, any Error>] = []
                    for job in batch { results.append(try await self.apply(job, in: session)) }
                    return results
                }
            } catch {
                results = batch.map { _ in .failure(error) }
            }
            self.queue.withLock { $0.committed(batch.count) }
            for (job, result) in zip(batch, results) { job.continuation?.resume(with: result) }
        }
    }

    /// One write of a batch, in its own savepoint: a replay returns the stored response; a new
    /// request applies its changes, idempotency record and audit record; a refused one (by its
    /// effect, or for reusing a request id) leaves only an audit record. Throws only when the
    /// session itself failed.
    private func apply(_ job: StagedJob, in session: any StagingSession) async throws -> Result<Data, any Error> {
        let intent = job.intent
        do {
            return try await session.savepoint {
                switch job.work {
                case .denial(let reason, let detail):
                    try await session.audit(intent, outcome: reason, detail: detail)
                    return .success(Data())
                case .effect(let effect):
                    return try await self.apply(intent, effect, in: session)
                }
            }
        } catch let lost as StagingSessionLost {
            throw lost.cause
        } catch let error as ExchangeError {
            return .failure(error)
        } catch {
            return .failure(
                ExchangeError(
                    "storage_unavailable",
                    "the exchange's database could not complete the write: \(String(reflecting: error))",
                    cause: error
                )
            )
        }
    }

    private func apply(
        _ intent: WriteIntent,
        _ effect: @Sendable (any LedgerTransaction) throws -> Data,
        in session: any StagingSession
    ) async throws -> Result<Data, any Error> {
        if let previous = try await session.previousWrite(intent) {
            guard previous.digest == intent.payloadDigest else {
                try await session.audit(intent, outcome: ExchangeError.requestIDReused.reason.code, detail: "")
                return .failure(ExchangeError.requestIDReused)
            }
            return .success(previous.response)
        }
        let (run, result) = try await self.complete(effect, in: session)
        switch result {
        case .success(let response):
            try await session.commit(run.changes, of: intent, response: response)
            try await session.audit(intent, outcome: "ok", detail: "")
            return .success(response)
        case .failure(let error):
            try await session.audit(intent, outcome: AuditRecord.outcome(refusedBy: error), detail: "\(error)")
            return .failure(
                error as? ExchangeError
                    ?? ExchangeError("internal_error", "the write failed: \(error)", cause: error)
            )
        }
    }

    /// Runs `body` until a run misses nothing, fetching what each run missed.
    private func complete<Value>(
        _ body: (any LedgerTransaction) throws -> Value,
        in session: any StagingSession
    ) async throws -> (StagedLedger, Result<Value, any Error>) {
        var snapshot = StagedSnapshot()
        while true {
            let run = StagedLedger(snapshot)
            let result = Result { try body(run) }
            guard !run.missing.isEmpty else { return (run, result) }
            self.fetchRounds.add(1, ordering: .relaxed)
            for (read, rows) in try await session.fetch(run.missing) { snapshot.add(read, rows) }
        }
    }

    public func read<Value: Sendable>(
        _ body: @escaping @Sendable (any LedgerReader) throws -> Value
    ) async throws -> Value {
        try await self.backend.withReadSession { session in
            try await self.complete(body, in: session).1.get()
        }
    }

    public func auditRecords() async throws -> [AuditRecord] {
        try await self.backend.auditPage(after: 0, limit: .max).records
    }

    public func auditPage(after sequence: UInt64, limit: Int) async throws -> AuditPage {
        try await self.backend.auditPage(after: sequence, limit: limit)
    }
}

/// One write waiting for the committer.
struct StagedJob: Sendable {
    enum Work: Sendable {
        case effect(@Sendable (any LedgerTransaction) throws -> Data)
        case denial(reason: String, detail: String)
    }

    let intent: WriteIntent
    let work: Work
    var continuation: CheckedContinuation<Data, any Error>?
}

/// The writes waiting for the next session, and whether a committer is at work.
struct StagedCommitQueue: Sendable {
    private var pending: [StagedJob] = []
    private var committing = false
    private(set) var transactions = 0
    private(set) var writes = 0

    /// Queues a job; true when the caller must start the committer.
    mutating func submit(_ job: StagedJob) -> Bool {
        self.pending.append(job)
        guard !self.committing else { return false }
        self.committing = true
        return true
    }

    /// Writes one session carries at most: its round trips add up, and a session has a deadline
    /// (PostgreSQL's 15 s) that a batch of every waiting write could pass on a loaded database.
    static let maxBatch = 32

    /// The oldest waiting jobs, up to ``maxBatch``, or nil (and the committer steps down) when
    /// none is left.
    mutating func takeBatch() -> [StagedJob]? {
        guard !self.pending.isEmpty else {
            self.committing = false
            return nil
        }
        let batch = Array(self.pending.prefix(Self.maxBatch))
        self.pending.removeFirst(batch.count)
        return batch
    }

    mutating func committed(_ count: Int) {
        self.transactions += 1
        self.writes += count
    }
}
