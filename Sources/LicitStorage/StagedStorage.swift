import Foundation
import LicitModel
import Synchronization

/// What an asynchronous database gives a ``StagedStorage``: sessions that fetch rows and apply
/// changes without blocking a thread. PostgreSQL through postgres-nio is such a backend.
public protocol StagingBackend: Sendable {
    /// Runs `body` in one database transaction that no other write session interleaves with, and
    /// commits it durably when `body` returns (rolls it back when `body` throws).
    func withWriteSession<Value: Sendable>(
        _ body: @Sendable (any StagingSession) async throws -> Value
    ) async throws -> Value

    /// Runs `body` on one consistent snapshot of committed state.
    func withReadSession<Value: Sendable>(
        _ body: @Sendable (any StagingSession) async throws -> Value
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
}

/// A ``Storage`` on an asynchronous backend: each effect runs on a ``StagedLedger``, again with
/// what it missed fetched, until a run is complete; its changes are then the write set. The
/// same contract as every store: exactly once per request id, refusals audited, writes one after
/// another.
public final class StagedStorage<Backend: StagingBackend>: Storage {
    public let backend: Backend
    private let fetchRounds = Atomic<Int>(0)

    public init(_ backend: Backend) {
        self.backend = backend
    }

    /// How many rounds of fetching missing rows the store has made: what the staging costs.
    public var rounds: Int { self.fetchRounds.load(ordering: .relaxed) }

    public func write(
        _ intent: WriteIntent,
        _ effect: @escaping @Sendable (any LedgerTransaction) throws -> Data
    ) async throws -> Data {
        let outcome: Result<Data, ExchangeError> = try await self.backend.withWriteSession { session in
            if let previous = try await session.previousWrite(intent) {
                guard previous.digest == intent.payloadDigest else {
                    try await session.audit(intent, outcome: ExchangeError.requestIDReused.reason.code, detail: "")
                    return .failure(.requestIDReused)
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
        return try outcome.get()
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

    public func recordDenial(_ intent: WriteIntent, reason: String, detail: String) async throws {
        try await self.backend.withWriteSession { session in
            try await session.audit(intent, outcome: reason, detail: detail)
        }
    }

    public func auditRecords() async throws -> [AuditRecord] {
        try await self.backend.auditPage(after: 0, limit: .max).records
    }

    public func auditPage(after sequence: UInt64, limit: Int) async throws -> AuditPage {
        try await self.backend.auditPage(after: sequence, limit: limit)
    }
}
