import Foundation
import LicitStorage
import Synchronization

/// The store as the exchange sees it in the simulation: the real one, except that a crash can be
/// armed for the next write — just before its commit (nothing is applied) or just after it (it is
/// applied, and its answer is lost). Either way the caller gets no answer, as when a daemon dies
/// with the write in flight.
final class CrashingStorage: Storage {
    enum Crash: Sendable, Equatable {
        case beforeCommit
        case afterCommit
    }

    /// What the caller sees instead of an answer.
    struct Crashed: Error, CustomStringConvertible {
        let crash: Crash
        var description: String {
            "the exchange crashed \(self.crash == .beforeCommit ? "before" : "after") the commit"
        }
    }

    let store: any Storage
    private let armed = Mutex<Crash?>(nil)
    private let fired = Mutex<Crash?>(nil)

    init(_ store: any Storage) {
        self.store = store
    }

    /// The next write crashes as `crash` says (nil: none does).
    func arm(_ crash: Crash?) { self.armed.withLock { $0 = crash } }

    /// The crash that ended the last write, if one did; asking clears it.
    func takeFired() -> Crash? {
        self.fired.withLock { fired in
            defer { fired = nil }; return fired
        }
    }

    func write(
        _ intent: WriteIntent,
        _ effect: @escaping @Sendable (any LedgerTransaction) throws -> Data
    ) async throws -> Data {
        // Only a caller's write crashes, not the exchange's own sweep.
        let crash = self.armed.withLock { armed -> Crash? in
            guard intent.authority != "EXCHANGE" else { return nil }
            defer { armed = nil }
            return armed
        }
        switch crash {
        case nil:
            return try await self.store.write(intent, effect)
        case .beforeCommit:
            self.fired.withLock { $0 = .beforeCommit }
            throw Crashed(crash: .beforeCommit)
        case .afterCommit:
            _ = try await self.store.write(intent, effect)
            self.fired.withLock { $0 = .afterCommit }
            throw Crashed(crash: .afterCommit)
        }
    }

    func read<Value: Sendable>(_ body: @escaping @Sendable (any LedgerReader) throws -> Value) async throws -> Value {
        try await self.store.read(body)
    }

    func recordDenial(_ intent: WriteIntent, reason: String, detail: String) async throws {
        try await self.store.recordDenial(intent, reason: reason, detail: detail)
    }

    func auditRecords() async throws -> [AuditRecord] { try await self.store.auditRecords() }

    func auditPage(after sequence: UInt64, limit: Int) async throws -> AuditPage {
        try await self.store.auditPage(after: sequence, limit: limit)
    }
}
