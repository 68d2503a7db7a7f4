import Foundation
import Logging
import PostgresNIO
import Synchronization

extension PostgresBackend {
    /// Runs `body` while this daemon holds the session advisory lock `key`, so that one daemon of
    /// those sharing the database does the work (the notifier, for one). The lock is held on a
    /// connection of its own, checked every `heartbeat`: when that connection fails, the lock is
    /// PostgreSQL's to give to another daemon, and `body` is cancelled here. Tries again every
    /// `heartbeat` until the task is cancelled.
    public func whileHoldingLock(
        _ key: Int64,
        heartbeat: Duration = .seconds(5),
        _ body: @escaping @Sendable () async throws -> Void
    ) async throws {
        var attempt = 0
        while !Task.isCancelled {
            attempt += 1
            do {
                let connection = try await PostgresConnection.connect(
                    configuration: try self.configuration.connection(),
                    id: 1_000_000 + attempt,
                    logger: self.logger
                )
                defer { Task { try? await connection.close() } }
                if try await Self.tryLock(key, on: connection) {
                    self.logger.info("leading", metadata: ["lock": "\(key)"])
                    try await Self.lead(on: connection, heartbeat: heartbeat, body)
                    return
                }
            } catch is CancellationError {
                return
            } catch {
                guard !Task.isCancelled else { return }
                self.logger.warning(
                    "lost the lock's connection; trying again",
                    metadata: ["lock": "\(key)", "error": "\(String(reflecting: error))"]
                )
            }
            try? await Task.sleep(for: heartbeat)
        }
    }

    /// Runs `body` beside the heartbeat until either ends. The lock's connection is closed on the
    /// way out (cancelled included): a query waiting on it then fails instead of holding the
    /// shutdown, and PostgreSQL releases the lock at once.
    private static func lead(
        on connection: PostgresConnection,
        heartbeat: Duration,
        _ body: @escaping @Sendable () async throws -> Void
    ) async throws {
        try await withTaskCancellationHandler {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await body() }
                group.addTask { try await Self.beat(connection, every: heartbeat) }
                defer {
                    connection.close().whenComplete { _ in }
                    group.cancelAll()
                }
                try await group.next()
            }
        } onCancel: {
            connection.close().whenComplete { _ in }
        }
    }

    /// Returns never: throws once the connection is closed or a `SELECT 1` goes unanswered for
    /// `interval` (at least 2 s).
    private static func beat(_ connection: PostgresConnection, every interval: Duration) async throws {
        while true {
            try await Task.sleep(for: interval)
            // A loaded database still answers within a couple of seconds; a dead connection fails at once.
            let answered = await Self.answer(on: connection, within: max(interval, .seconds(2))) {
                _ = try await connection.query("SELECT 1", logger: connection.logger).collect()
                return true
            }
            guard answered == true else { throw LockConnectionLost() }
        }
    }

    /// Whether the lock is ours now; throws when the connection does not answer.
    private static func tryLock(_ key: Int64, on connection: PostgresConnection) async throws -> Bool {
        let held = await Self.answer(on: connection, within: .seconds(5)) {
            let rows = try await connection.query("SELECT pg_try_advisory_lock(\(key))", logger: connection.logger)
            for try await held in rows.decode(Bool.self) { return held }
            return false
        }
        guard let held else { throw LockConnectionLost() }
        return held
    }

    /// What `query` answers on `connection` within `interval`; nil when it fails or is late, and
    /// the connection is then closed. The query is not awaited past `interval`: one sent on a
    /// connection the server closed, or that died under it, may never end.
    private static func answer<Value: Sendable>(
        on connection: PostgresConnection,
        within interval: Duration,
        _ query: @escaping @Sendable () async throws -> Value
    ) async -> Value? {
        guard !connection.isClosed else { return nil }
        let first = FirstAnswer<Value>()
        let value = await withCheckedContinuation { continuation in
            first.waiting(continuation)
            Task { first.answer(try? await query()) }
            Task {
                try? await Task.sleep(for: interval)
                first.answer(nil)
            }
        }
        if value == nil { connection.close().whenComplete { _ in } }
        return value
    }
}

/// The connection holding an advisory lock closed or stopped answering: the lock is no longer held.
struct LockConnectionLost: Error, CustomStringConvertible {
    var description: String { "the connection holding the lock closed or stopped answering" }
}

/// Resumes a continuation with the first answer given; later ones are ignored.
private final class FirstAnswer<Value: Sendable>: Sendable {
    private let continuation = Mutex<CheckedContinuation<Value?, Never>?>(nil)

    func waiting(_ continuation: CheckedContinuation<Value?, Never>) {
        self.continuation.withLock { $0 = continuation }
    }

    func answer(_ value: Value?) {
        self.continuation.withLock { waiting in
            waiting?.resume(returning: value)
            waiting = nil
        }
    }
}
