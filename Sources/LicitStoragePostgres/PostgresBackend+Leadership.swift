import Foundation
import Logging
import PostgresNIO

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
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        group.addTask { try await body() }
                        group.addTask {
                            while true {
                                try await Task.sleep(for: heartbeat)
                                _ = try await connection.query("SELECT 1", logger: self.logger).collect()
                            }
                        }
                        try await group.next()
                        group.cancelAll()
                    }
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

    private static func tryLock(_ key: Int64, on connection: PostgresConnection) async throws -> Bool {
        let rows = try await connection.query("SELECT pg_try_advisory_lock(\(key))", logger: connection.logger)
        for try await held in rows.decode(Bool.self) { return held }
        return false
    }
}
