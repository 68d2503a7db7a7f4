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
            try store.close()
            let reopened = try SQLiteStore(path: path)
            defer { try? reopened.close() }
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

    @Test("deleting the last audit records, which no later link betrays, is named by the chain's head")
    func auditTailDeleted() async throws {
        try await F.withSQLite { store, _ in
            for code in ["AA", "BB", "CC"] { _ = try await F.register(store, "h-\(code)", code) }
            #expect(try store.verify().isIntact)
            try await store.pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA foreign_keys = OFF")
                try db.execute(sql: "DELETE FROM audit WHERE sequence = 3")
            }
            #expect(
                try store.verify().problems.contains(
                    "audit chain: the last commit ended at record 3, the trail ends at 2 — records were removed or altered at its end"
                )
            )
            try await store.pool.write { db in try db.execute(sql: "DELETE FROM audit_head") }
            #expect(try store.verify().problems.contains("audit chain: its head record is missing"))
        }
    }

    @Test("document rows put in another order than the audit trail created them are named")
    func documentsReordered() async throws {
        try await F.withSQLite { store, _ in
            for number in ["IA-1", "IA-2"] {
                _ = try await store.write(F.intent("o-\(number)", "docs-\(number)")) { transaction in
                    if number == "IA-1" { try F.reference(transaction) }
                    let document = F.importAuthorization(number)
                    try transaction.insert(document)
                    for (key, usage) in document.contribution { try transaction.adjustUsage(key, by: usage) }
                    return Data()
                }
            }
            #expect(try store.verify().isIntact)
            try await store.pool.write { db in
                try db.execute(sql: "UPDATE document SET sequence = -1 WHERE number = 'IA-1'")
                try db.execute(sql: "UPDATE document SET sequence = 1000 WHERE number = 'IA-2'")
                try db.execute(sql: "UPDATE document SET sequence = 1001 WHERE number = 'IA-1'")
            }
            // The sequence is a column of the rows their digests cover.
            let problems = try store.verify().problems
            for number in ["IA-1", "IA-2"] {
                #expect(
                    problems.contains(
                        "document/FR-ANSM/\(number): altered outside the exchange (the row differs from its last audited write)"
                    ),
                    "\(problems)"
                )
            }
        }
    }

    @Test("a document row altered, deleted or added behind the exchange's back is named")
    func documentTamper() async throws {
        try await F.withSQLite { store, _ in
            let ia = F.importAuthorization("IA-1")
            _ = try await store.write(F.intent("d-1", "docs")) { transaction in
                try F.reference(transaction)
                for document in [ia, F.importAuthorization("IA-2")] {
                    try transaction.insert(document)
                    for (key, usage) in document.contribution { try transaction.adjustUsage(key, by: usage) }
                }
                return Data()
            }
            #expect(try store.verify().isIntact)
            try await store.pool.write { db in
                try db.execute(
                    sql: "UPDATE document SET state = replace(state, '10000000', '90000000') WHERE number = 'IA-1'"
                )
            }
            let altered = try store.verify().problems
            #expect(
                altered.first
                    == "document/FR-ANSM/IA-1: altered outside the exchange (the row differs from its last audited write)"
            )
            // 90 kg instead of 10 on the IA: the totals no longer add up either.
            #expect(altered.dropFirst().first?.hasPrefix("totals FR/MORPHINE/") == true)
            try await store.pool.write { db in try db.execute(sql: "DELETE FROM document WHERE number = 'IA-2'") }
            #expect(try store.verify().problems.contains("document/FR-ANSM/IA-2: deleted outside the exchange"))
        }
    }

    @Test("running totals altered behind the exchange's back are named against what the documents give")
    func totalsTamper() async throws {
        try await F.withSQLite { store, _ in
            let ia = F.importAuthorization("IA-1")
            _ = try await store.write(F.intent("d-1", "docs")) { transaction in
                try F.reference(transaction)
                try transaction.insert(ia)
                for (key, usage) in ia.contribution { try transaction.adjustUsage(key, by: usage) }
                return Data()
            }
            #expect(try store.verify().isIntact)
            try await store.pool.write { db in try db.execute(sql: "UPDATE usage SET authorized_not_used = 0") }
            let year = F.day.year
            #expect(
                try store.verify().problems == [
                    "usage/FR/MORPHINE/\(year): altered outside the exchange (the row differs from its last audited write)",
                    "totals FR/MORPHINE/\(year): recorded 0 mg authorized and 0 mg imported, the documents give 10000000 and 0",
                ]
            )
        }
    }

    @Test("document states are streamed as JSON (never left to JSONEncoder) and read back equal")
    func documentStates() throws {
        let ia = F.importAuthorization("IA-1")
        var ea = F.exportAuthorization("EA-1", citing: ia)
        ea.annotations.notices = ["expiring", "overdue"]
        ea.annotations.exports = ExportTotals(lines: 1)
        for document in [ia, ea] {
            for value in [document.body as any Encodable, document.annotations as any Encodable] {
                #expect(try CompactJSON.streamed(value) != nil)
            }
            let codec = DocumentStateCodec()
            let text = try codec.encode(document.body, document.annotations)
            let (body, annotations) = try DocumentStateCodec().decode(text, of: document.key)
            #expect(body == document.body && annotations == document.annotations)
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
            #expect(store.checkpointer.threshold == 10_000)
        }
    }

    @Test(
        "the WAL is copied back beside the writer past its threshold, stays bounded, and every write survives a reopening"
    )
    func checkpoints() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("licit-wal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("exchange.sqlite").path
        let store = try SQLiteStore(path: path, checkpointAfter: 40)
        var largestWAL = 0
        for index in 0..<300 {
            _ = try await store.write(F.intent("c-\(index)", "payload \(index)")) { transaction in
                try transaction.setCursor(recipient: "FR-ANSM-\(index)", to: UInt64(index))
                return Data(repeating: UInt8(index % 251), count: 2_000)
            }
            let size = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
            largestWAL = max(largestWAL, size)
        }
        // 300 writes of a few pages each would grow a WAL never copied back to well over 1,000 pages.
        let pageSize = try await store.pool.read { try Int.fetchOne($0, sql: "PRAGMA page_size") } ?? 4096
        #expect(store.checkpointer.checkpoints > 0)
        #expect(largestWAL < 400 * pageSize, "the WAL reached \(largestWAL / pageSize) pages")
        try store.close()
        let reopened = try SQLiteStore(path: path)
        let cursors = try await reopened.read { reader in
            try (0..<300).map { try reader.cursor(recipient: "FR-ANSM-\($0)") }
        }
        #expect(cursors == (0..<300).map(UInt64.init))
        #expect(try await reopened.auditRecords().count >= 300)
        try reopened.close()
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
