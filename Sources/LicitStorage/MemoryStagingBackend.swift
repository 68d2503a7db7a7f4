import Foundation
import LicitModel
import Synchronization

/// A ``StagingBackend`` in memory whose every fetch suspends, as a network database's would: the
/// staged store's tests and the conformance suite run on it, before and beside PostgreSQL.
public final class MemoryStagingBackend: StagingBackend {
    private let committed = Mutex(LedgerState())
    private let turns = WriteTurns()

    public init() {}

    public func withWriteSession<Value: Sendable>(
        _ body: @escaping @Sendable (any StagingSession) async throws -> Value
    ) async throws -> Value {
        await self.turns.acquire()
        do {
            let session = MemorySession(self.committed.withLock { $0 })
            let value = try await body(session)
            let state = session.state.withLock { $0 }
            self.committed.withLock { $0 = state }
            await self.turns.release()
            return value
        } catch {
            await self.turns.release()
            throw error
        }
    }

    public func withReadSession<Value: Sendable>(
        _ body: @escaping @Sendable (any StagingSession) async throws -> Value
    ) async throws -> Value {
        try await body(MemorySession(self.committed.withLock { $0 }))
    }

    public func auditPage(after sequence: UInt64, limit: Int) async throws -> AuditPage {
        await Task.yield()
        return self.committed.withLock { state in
            let trail = state.auditTrail
            let start = Int(min(sequence, UInt64(trail.count)))
            return AuditPage(
                records: Array(trail[start...].prefix(max(limit, 0))),
                headSequence: trail.last?.sequence ?? 0,
                headHash: trail.last?.hash ?? AuditChain.genesisHash
            )
        }
    }
}

/// One session's copy of the state: it replaces the committed one when the session ends well.
private final class MemorySession: StagingSession {
    let state: Mutex<LedgerState>

    init(_ state: LedgerState) { self.state = Mutex(state) }

    func fetch(_ reads: Set<LedgerRead>) async throws -> [LedgerRead: LedgerRows] {
        await Task.yield()
        return try self.state.withLock { state in
            let reader = InMemoryTransaction(state)
            return try Dictionary(uniqueKeysWithValues: reads.map { ($0, try $0.answer(from: reader)) })
        }
    }

    func previousWrite(_ intent: WriteIntent) async throws -> (digest: Data, response: Data)? {
        await Task.yield()
        return self.state.withLock { $0.requests[RequestKey(intent)] }
    }

    func commit(_ changes: [LedgerChange], of intent: WriteIntent, response: Data) async throws {
        await Task.yield()
        try self.state.withLock { state in
            let transaction = InMemoryTransaction(state)
            for change in changes { try change.apply(to: transaction) }
            state = transaction.state
            state.requests[RequestKey(intent)] = (intent.payloadDigest, response)
        }
    }

    func audit(_ intent: WriteIntent, outcome: String, detail: String) async throws {
        self.state.withLock { $0.audit(intent, outcome: outcome, detail: detail) }
    }

    func savepoint<Value: Sendable>(_ body: () async throws -> Value) async throws -> Value {
        let saved = self.state.withLock { $0 }
        do {
            return try await body()
        } catch {
            self.state.withLock { $0 = saved }
            throw error
        }
    }
}

/// Write sessions one at a time, in the order they asked, without blocking a thread.
private actor WriteTurns {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        guard self.busy else {
            self.busy = true
            return
        }
        await withCheckedContinuation { self.waiting.append($0) }
    }

    func release() {
        if self.waiting.isEmpty {
            self.busy = false
        } else {
            self.waiting.removeFirst().resume()
        }
    }
}
