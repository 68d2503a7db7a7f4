import Foundation
import GRDB
import LicitModel
import LicitStorage
import Testing

@testable import LicitStorageSQLite

private typealias F = StoreFixtures

@Suite("SQLite store: one writer, the clock's floor, every row bound to the trail")
struct TrailCoverageTests {
    @Test("every table of the schema is either the trail itself or bound to it, row by row")
    func everyTableBound() async throws {
        try await F.withSQLite { store, _ in
            let tables = try await store.pool.read { db in
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            }
            let trail: Set<String> = ["audit", "audit_head", "grdb_migrations", "sqlite_sequence"]
            #expect(Set(tables).subtracting(trail) == Set(RowBinding.tables.map(\.name)))
        }
    }

    @Test("a second store on a database in use is refused, naming the holder; once closed, it opens")
    func oneWriter() async throws {
        try await F.withSQLite { store, path in
            _ = try await F.register(store, "w-1", "AA")
            let refusal = #expect(throws: ExchangeError.self) { try SQLiteStore(path: path) }
            #expect(refusal?.reason == "database_in_use")
            #expect(refusal?.message.contains("process \(getpid())") == true, "\(refusal?.message ?? "")")
            #expect(try SQLiteStore.verify(path: path).isIntact, "verification reads beside the writer")
            try store.close()
            let second = try SQLiteStore(path: path)
            _ = try await F.register(second, "w-2", "BB")
            #expect(try second.verify().isIntact)
            try second.close()
        }
    }

    @Test("the latest time a write carried is kept, and a sandbox clock's setting, across a reopening")
    func clockState() async throws {
        try await F.withSQLite { store, path in
            let setting = SandboxClockSetting(exchangeMilliseconds: 1_800_000_000_000, realMilliseconds: 5, rate: 60)
            _ = try await store.write(F.intent("c-1", "clock")) { transaction in
                try transaction.put(setting)
                return Data()
            }
            try store.close()
            let reopened = try SQLiteStore(path: path)
            defer { try? reopened.close() }
            #expect(try await reopened.read { try $0.sandboxClock() } == setting)
            #expect(try await reopened.read { try $0.clockFloor() } == F.intent("x", "x").at)
            #expect(try reopened.verify().isIntact)
        }
    }

    @Test("any single change to a row of any bound table is named", arguments: RowBinding.tables.map(\.name))
    func tableTamper(table: String) async throws {
        try await F.withSQLite { store, _ in
            _ = try await store.write(F.intent("s-1", "state")) { transaction in
                try F.reference(transaction)
                let document = F.importAuthorization("IA-1")
                try transaction.insert(document)
                for (key, usage) in document.contribution { try transaction.adjustUsage(key, by: usage) }
                try transaction.appendHistory(
                    document.key,
                    HistoryEntry(at: 1, action: "issued", status: "issued", authority: "FR-ANSM", detail: "")
                )
                try transaction.appendEvent(
                    InboxEntry(
                        recipient: "IN-NCB",
                        kind: "ia_received",
                        document: document.key,
                        documentKind: .importAuthorization,
                        at: 1,
                        status: "issued",
                        summary: "an IA"
                    )
                )
                try transaction.setCursor(recipient: "IN-NCB", to: 1)
                try transaction.put(
                    Attachment(
                        sha256: String(repeating: "a", count: 64),
                        mediaType: "application/pdf",
                        bytes: Data([1])
                    )
                )
                try transaction.put(SandboxClockSetting(exchangeMilliseconds: 1, realMilliseconds: 1, rate: 1))
                try transaction.put(
                    Allowance(country: "FR", substance: "MORPHINE", year: F.day.year, initial: .kilograms(400))
                )
                try transaction.put(Prohibition(country: "FR", substance: "MORPHINE"))
                try transaction.put(
                    RegisteredTrader(
                        id: "FR-T1",
                        authority: "FR-ANSM",
                        trader: Trader(name: "Importer", address: "Paris", country: "FR")
                    )
                )
                try transaction.put(
                    EstimateRequest(
                        id: "FR-\(F.day.year)-1",
                        country: "FR",
                        substance: "MORPHINE",
                        year: F.day.year,
                        requestedMilligrams: 1_000,
                        justification: "a new hospital",
                        requestedBy: "FR-ANSM",
                        requestedAt: 1
                    )
                )
                try transaction.put(
                    AnnualEstimate(
                        country: "FR",
                        year: F.day.year + 1,
                        lines: [.init(substance: "MORPHINE", purpose: .consumption, milligrams: 1_000)],
                        submittedBy: "FR-ANSM",
                        submittedAt: 1
                    )
                )
                try transaction.put(
                    ReturnFiling(
                        country: "FR",
                        form: "C",
                        year: F.day.year,
                        figures: [.init(substance: "MORPHINE", item: .consumption, milligrams: 1_000)],
                        filedBy: "FR-ANSM",
                        at: 1
                    )
                )
                try transaction.put(
                    NotificationTarget(
                        id: "FR-ANSM-1",
                        recipient: "FR-ANSM",
                        channel: .email,
                        address: "licit@ansm.example",
                        secret: "",
                        kinds: [],
                        registeredBy: "fr-admin",
                        registeredAt: 1,
                        delivered: 0
                    )
                )
                return Data()
            }
            #expect(try store.verify().isIntact)
            let changed = try await store.pool.write { db -> Bool in
                let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(\(table))").map { $0["name"] as String }
                for column in columns {
                    // Text gains a character; numbers and blobs become another value of their type.
                    try? db.execute(
                        sql: """
                            UPDATE \(table) SET \(column) = CASE typeof(\(column))
                                WHEN 'text' THEN \(column) || 'x' WHEN 'integer' THEN \(column) + 1
                                WHEN 'real' THEN \(column) + 1 ELSE zeroblob(length(\(column)) + 1) END
                            WHERE rowid = (SELECT min(rowid) FROM \(table))
                            """
                    )
                    if db.changesCount == 1 { return true }
                }
                // Every column is held by a constraint (a prohibition's): the row goes instead.
                try db.execute(sql: "DELETE FROM \(table) WHERE rowid = (SELECT min(rowid) FROM \(table))")
                return db.changesCount == 1
            }
            #expect(changed, "no column of \(table) could be changed")
            #expect(!(try store.verify().isIntact), "a changed row of \(table) went unnoticed")
        }
    }
}
