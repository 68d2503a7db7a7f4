import Foundation
import GRDB
import LicitStorage
import Testing

@testable import LicitStorageSQLite

@Suite("SQLite store: idempotent durable writes and the audit trail")
struct SQLiteStoreTests {
    static func withStore(_ body: (SQLiteStore, String) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "licit-store-\(UUID().uuidString)"
        )
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("exchange.sqlite").path
        let store = try SQLiteStore(path: path)
        try await store.pool.write { db in
            try db.execute(sql: "CREATE TABLE effect (id INTEGER PRIMARY KEY, what TEXT NOT NULL)")
        }
        try await body(store, path)
    }

    /// A write whose effect records `what` and answers with it.
    static func write(_ requestID: String, _ what: String, authority: String = "FR-ANSM") -> DurableWrite {
        DurableWrite(
            authority: authority,
            requestID: requestID,
            payload: Data(what.utf8),
            actor: "fr-signer",
            certificate: String(repeating: "cd", count: 32),
            action: "test.record",
            subject: what
        ) { db in
            if what == "refuse" { throw StoreError(reason: "over_estimate", message: "refused by the rules") }
            try db.execute(sql: "INSERT INTO effect (what) VALUES (?)", arguments: [what])
            return Data("done:\(what)".utf8)
        }
    }

    static func effects(_ store: SQLiteStore) throws -> [String] {
        try store.pool.read { db in try String.fetchAll(db, sql: "SELECT what FROM effect ORDER BY id") }
    }

    @Test("a replayed request has exactly one effect and returns the original response")
    func replay() async throws {
        try await Self.withStore { store, _ in
            let answer1 = try await store.perform(Self.write("r-1", "a"))
            #expect(answer1 == Data("done:a".utf8))
            let answer2 = try await store.perform(Self.write("r-1", "a"))
            #expect(answer2 == Data("done:a".utf8))
            #expect(try Self.effects(store) == ["a"])
            // The same id under another authority is another request.
            let answer3 = try await store.perform(Self.write("r-1", "a", authority: "IN-NCB"))
            #expect(answer3 == Data("done:a".utf8))
            #expect(try Self.effects(store) == ["a", "a"])
        }
    }

    @Test("the same request id with a different payload is refused with request_id_reused and changes nothing")
    func reusedID() async throws {
        try await Self.withStore { store, _ in
            _ = try await store.perform(Self.write("r-1", "a"))
            let error = await #expect(throws: StoreError.self) { try await store.perform(Self.write("r-1", "b")) }
            #expect(error?.reason == "request_id_reused")
            #expect(try Self.effects(store) == ["a"])
            #expect(try store.auditRecords().map(\.outcome) == ["ok", "refused"])
        }
    }

    @Test("a refused write leaves no effect and no idempotency record, only an audited refusal")
    func refused() async throws {
        try await Self.withStore { store, _ in
            await #expect(throws: StoreError.self) { try await store.perform(Self.write("r-2", "refuse")) }
            #expect(try Self.effects(store).isEmpty)
            let audit = try store.auditRecords()
            #expect(audit.map(\.outcome) == ["refused"])
            #expect(audit.first?.detail.contains("over_estimate") == true)
            #expect(try store.verifyAudit() == nil)
        }
    }

    @Test("64 concurrent writes: each applied once, group-committed, the audit chain intact")
    func concurrent() async throws {
        try await Self.withStore { store, _ in
            try await withThrowingTaskGroup(of: Data.self) { group in
                for index in 0..<64 {
                    group.addTask { try await store.perform(Self.write("c-\(index)", "w\(index)")) }
                }
                for try await _ in group {}
            }
            #expect(try Set(Self.effects(store)) == Set((0..<64).map { "w\($0)" }))
            #expect(try store.auditRecords().count == 64)
            #expect(try store.verifyAudit() == nil)
            let statistics = store.commitStatistics
            #expect(statistics.writes == 64)
            #expect(
                statistics.transactions < statistics.writes,
                "writes waiting while one commits share the next transaction"
            )
        }
    }

    @Test("acknowledged writes are in the file when it is opened again")
    func reopen() async throws {
        try await Self.withStore { store, path in
            for index in 0..<5 { _ = try await store.perform(Self.write("o-\(index)", "v\(index)")) }
            let reopened = try SQLiteStore(path: path)
            #expect(try Self.effects(reopened) == ["v0", "v1", "v2", "v3", "v4"])
            #expect(try reopened.auditRecords().count == 5)
            #expect(try reopened.verifyAudit() == nil)
            let answer4 = try await reopened.perform(Self.write("o-0", "v0"))
            #expect(answer4 == Data("done:v0".utf8))
            #expect(try Self.effects(reopened).count == 5)
        }
    }

    @Test("altering or deleting an audit row directly in the database is named by verification")
    func tamper() async throws {
        try await Self.withStore { store, _ in
            for index in 0..<6 { _ = try await store.perform(Self.write("t-\(index)", "v\(index)")) }
            try await store.pool.write { db in
                try db.execute(sql: "UPDATE audit SET actor = 'mallory' WHERE sequence = 3")
            }
            #expect(try store.verifyAudit()?.sequence == 3)
            #expect(try store.verifyAudit()?.kind == .altered)
            try await store.pool.write { db in
                try db.execute(sql: "UPDATE audit SET actor = 'fr-signer' WHERE sequence = 3")
                try db.execute(sql: "PRAGMA foreign_keys = OFF")
            }
            #expect(try store.verifyAudit() == nil)
            try await store.pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA foreign_keys = OFF")
                try db.execute(sql: "DELETE FROM audit WHERE sequence = 2")
            }
            #expect(try store.verifyAudit()?.sequence == 3)
            #expect(try store.verifyAudit()?.kind == .misplaced)
        }
    }

    @Test("the database is in WAL mode with synchronous=FULL and foreign keys on")
    func pragmas() async throws {
        try await Self.withStore { store, _ in
            let (journal, synchronous, foreignKeys) = try await store.pool.write { db in
                (
                    try String.fetchOne(db, sql: "PRAGMA journal_mode"),
                    try Int.fetchOne(db, sql: "PRAGMA synchronous"),
                    try Int.fetchOne(db, sql: "PRAGMA foreign_keys")
                )
            }
            #expect(journal == "wal")
            #expect(synchronous == 2)  // FULL
            #expect(foreignKeys == 1)
        }
    }
}
