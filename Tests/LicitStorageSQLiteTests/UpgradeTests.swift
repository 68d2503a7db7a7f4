import Foundation
import GRDB
import LicitStorage
import Testing

@testable import LicitStorageSQLite

@Suite("SQLite store upgrades: an older file opens, keeps its rows and still verifies")
struct UpgradeTests {
    @Test("v5 → now: inbox events gain a subject and CNAs an address; rows bound before are bound again, verify intact")
    func inboxSubject() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("licit-v5-\(UUID().uuidString).sqlite")
            .path
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            // A file as the previous release left it: migrated to v5, an event in an inbox, every row bound.
            let pool = try DatabasePool(path: path)
            try StoreMigrations.migrator.migrate(
                pool,
                upTo: "v5: the exchange's clock, and every row bound to the trail"
            )
            try pool.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO inbox_event (recipient, kind, document_authority, document_number, document_kind,
                            at, status, summary)
                        VALUES ('IN-NCB', 'ia_received', 'FR-ANSM', 'IA-1', 'ia', 1, 'issued', 'from France');
                        INSERT INTO country (code, name, participating) VALUES ('FR', 'France', 1);
                        INSERT INTO authority (code, country, name, conventions) VALUES ('FR-ANSM', 'FR', 'ANSM', '["1961"]');
                        """
                )
                try SQLiteStore.bindRowsWrittenBeforeBinding(db)
            }
        }
        let store = try SQLiteStore(path: path)
        let report = try store.verify()
        #expect(report.isIntact, "\(report.problems)")
        let events = try store.pool.read { db in try SQLiteLedger(db).events(recipient: "IN-NCB", after: 0, limit: 10) }
        #expect(events.map(\.document.number) == ["IA-1"])
        #expect(events.first?.documentKind == .importAuthorization && events.first?.subject == "")
        let actions = try store.pool.read { db in
            try String.fetchAll(db, sql: "SELECT action FROM audit ORDER BY sequence")
        }
        // Bound once as the old release left them, then again after each reshaping: v6's events, v10's CNAs.
        #expect(actions == ["storage.bind_rows", "storage.rebind_rows", "storage.rebind_rows"])
        let authorities = try store.pool.read { db in try SQLiteLedger(db).authorities() }
        #expect(authorities.map(\.address) == [""])
    }
}
