import Foundation
import LicitClient
import LicitExchange
import LicitModel
import LicitServerCore
import LicitStorage
import LicitStorageSQLite
import LicitTestSupport
import LicitWire
import Testing

/// An exchange seeded with ``TestWorld``, on a SQLite file (or, with `LICIT_TEST_STORAGE=staged`,
/// on the staged store of an asynchronous backend), with clients for its CNAs.
struct Harness: Sendable {
    let exchange: TestExchange

    var today: Day { Day(self.exchange.clock.now) }

    static func with(_ body: @Sendable (Harness) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "licit-exchange-\(UUID().uuidString)"
        )
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store: any Storage =
            ["staged", "postgres"].contains(ProcessInfo.processInfo.environment["LICIT_TEST_STORAGE"])
            ? TestExchange.defaultStorage()
            : try SQLiteStore(path: directory.appendingPathComponent("exchange.sqlite").path)
        try await TestExchange.with(storage: store) { exchange in
            try await TestWorld.seed(exchange)
            try await body(Harness(exchange: exchange))
        }
    }

    /// Runs `body` with a client for a new account of `role` at `authority` in `country`.
    func client<Result: Sendable>(
        _ name: String,
        _ role: Role = .signer,
        country: String = "FR",
        authority: String? = nil,
        _ body: (LicitClient) async throws -> Result
    ) async throws -> Result {
        let identity = try self.exchange.register(
            name,
            role: role,
            country: country,
            authority: authority ?? Self.authority(of: country)
        )
        return try await withLicitClient(try self.exchange.clientConfiguration(identity), body)
    }

    static func authority(of country: String) -> String {
        ["FR": "FR-ANSM", "IN": "IN-NCB", "DE": "DE-BFARM"][country] ?? "\(country)-CNA"
    }

    func audit() async throws -> [AuditRecord] { try await self.exchange.exchange.storage.auditRecords() }
}

/// The exchange's refusal behind a client error.
func refusal(_ body: () async throws -> Void) async -> LicitStatus? {
    do {
        try await body()
        Issue.record("expected a refusal")
        return nil
    } catch let error as LicitClientError {
        return error.status
    } catch {
        Issue.record("unexpected error \(error)")
        return nil
    }
}

/// Waits for the next `count` events of an inbox stream.
func next(
    _ count: Int,
    of events: AsyncThrowingStream<Licit_V1_InboxEvent, any Error>
) async throws -> [Licit_V1_InboxEvent] {
    var received: [Licit_V1_InboxEvent] = []
    for try await event in events {
        received.append(event)
        if received.count == count { break }
    }
    return received
}

extension Int64 {
    static func kg(_ kilograms: Double) -> Int64 { Int64(kilograms * 1_000_000) }
}
