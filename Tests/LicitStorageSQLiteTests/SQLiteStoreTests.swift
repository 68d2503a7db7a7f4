import Foundation
import GRDB
import LicitModel
import LicitStorage
import Testing

@testable import LicitStorageSQLite

@Suite("SQLite store: group commit, reopening, pragmas and tamper detection")
struct SQLiteStoreTests {
    typealias F = StoreFixtures

    @Test("64 concurrent writes: each applied once, group-committed, the audit chain intact")
    func groupCommit() async throws {
        try await F.withSQLite { store, _ in
            try await withThrowingTaskGroup(of: Data.self) { group in
                for index in 0..<64 {
                    let code =
                        String(UnicodeScalar(UInt8(65 + index / 26))) + String(UnicodeScalar(UInt8(65 + index % 26)))
                    group.addTask { try await F.register(store, "c-\(index)", code) }
                }
                for try await _ in group {}
            }
            #expect(try await F.countries(store).count == 64)
            #expect(try store.verify().isIntact)
            let statistics = store.commitStatistics
            #expect(statistics.writes == 64)
            #expect(
                statistics.transactions < statistics.writes,
                "writes waiting while one commits share the next transaction"
            )
        }
    }

    @Test("acknowledged writes are in the file when it is opened again, and replays still answer")
    func reopen() async throws {
        try await F.withSQLite { store, path in
            for code in ["AA", "BB", "CC"] { _ = try await F.register(store, "o-\(code)", code) }
            let reopened = try SQLiteStore(path: path)
            #expect(try await F.countries(reopened) == ["AA", "BB", "CC"])
            #expect(try await F.register(reopened, "o-AA", "AA") == Data("done:AA".utf8))
            _ = try await F.register(reopened, "o-DD", "DD")
            #expect(try await reopened.auditRecords().map(\.sequence) == [1, 2, 3, 4])
            #expect(try reopened.verify().isIntact)
        }
    }

    @Test("altering, deleting or reordering audit rows is named by verification")
    func auditTamper() async throws {
        try await F.withSQLite { store, _ in
            for code in ["AA", "BB", "CC", "DD", "EE", "FF"] { _ = try await F.register(store, "t-\(code)", code) }
            try await store.pool.write { db in
                try db.execute(sql: "UPDATE audit SET actor = 'mallory' WHERE sequence = 3")
            }
            #expect(
                try store.verify().problems == [
                    "audit chain: record 3: \(AuditChain.verify(try await store.auditRecords())!.message)"
                ]
            )
            try await store.pool.write { db in
                try db.execute(sql: "UPDATE audit SET actor = 'fr-signer' WHERE sequence = 3")
            }
            #expect(try store.verify().isIntact)
            try await store.pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA foreign_keys = OFF")
                try db.execute(sql: "DELETE FROM audit WHERE sequence = 2")
            }
            #expect(try store.verify().problems.first?.hasPrefix("audit chain: record 3") == true)
        }
    }

    @Test("a document row altered, deleted or added behind the exchange's back is named")
    func documentTamper() async throws {
        try await F.withSQLite { store, _ in
            let ia = F.importAuthorization("IA-1")
            _ = try await store.write(F.intent("d-1", "docs")) { transaction in
                try F.reference(transaction)
                try transaction.insert(ia)
                try transaction.insert(F.importAuthorization("IA-2"))
                return Data()
            }
            #expect(try store.verify().isIntact)
            try await store.pool.write { db in
                try db.execute(
                    sql: "UPDATE document SET state = replace(state, '10000000', '90000000') WHERE number = 'IA-1'"
                )
            }
            #expect(
                try store.verify().problems == [
                    "document FR-ANSM/IA-1: altered outside the exchange (its row differs from the last audited write)"
                ]
            )
            try await store.pool.write { db in try db.execute(sql: "DELETE FROM document WHERE number = 'IA-2'") }
            #expect(try store.verify().problems.contains("document FR-ANSM/IA-2: deleted outside the exchange"))
        }
    }

    @Test("the database is in WAL mode with synchronous=FULL and foreign keys on")
    func pragmas() async throws {
        try await F.withSQLite { store, _ in
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

    @Test("the schema refuses what the exchange never writes: a negative total, an unknown country, a malformed code")
    func constraints() async throws {
        try await F.withSQLite { store, _ in
            _ = try await store.write(F.intent("c-0", "setup")) { transaction in
                try F.reference(transaction)
                return Data()
            }
            for sql in [
                "INSERT INTO usage VALUES ('FR', 'MORPHINE', 2026, -5, 0)",
                "INSERT INTO authority VALUES ('ZZ-X', 'ZZ', 'nowhere', '[]')",
                "INSERT INTO country VALUES ('fr', 'lowercase', 1)",
            ] {
                await #expect(throws: DatabaseError.self, "\(sql)") {
                    try await store.pool.write { db in try db.execute(sql: sql) }
                }
            }
        }
    }
}
