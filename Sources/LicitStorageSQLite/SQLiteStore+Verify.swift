import Foundation
import GRDB
import LicitModel
import LicitStorage

/// What `licitd audit verify` finds in a database file.
public struct AuditReport: Sendable {
    /// Audit records checked.
    public let records: Int
    /// Rows of the exchange's state checked against the digests their last audited write recorded.
    public let rows: Int
    /// Every problem, the first broken link first; empty when the file is intact.
    public let problems: [String]

    public var isIntact: Bool { self.problems.isEmpty }
}

extension SQLiteStore {
    /// Recomputes the audit chain, checks that every row of the exchange's state is exactly as
    /// its last audited write left it (and that none appeared or vanished outside one), that the
    /// running totals are what the documents add up to, and runs SQLite's integrity check.
    public func verify() throws -> AuditReport {
        try self.pool.read { db in try Self.verify(db) }
    }

    /// Verifies the database at `path` without opening it for writing: a daemon may be serving it.
    /// `also` finds further problems in the same read of the trail (checkpoints held against it).
    public static func verify(
        path: String,
        also: ([AuditRecord]) -> [String] = { _ in [] }
    ) throws -> AuditReport {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in try Self.verify(db, also: also) }
    }

    private static func verify(_ db: Database, also: ([AuditRecord]) -> [String] = { _ in [] }) throws -> AuditReport {
        var problems: [String] = []
        let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
        if integrity != ["ok"] { problems.append("SQLite integrity check: \(integrity.joined(separator: "; "))") }
        let records = try Self.auditRecords(db)
        if let broken = AuditChain.verify(records) { problems.append("audit chain: \(broken)") }
        problems += try Self.headProblems(db, records: records)
        let (rowProblems, rows) = try Self.rowProblems(db, records: records)
        problems += rowProblems
        problems += try Self.totalsProblems(db)
        problems += also(records)
        return AuditReport(records: records.count, rows: rows, problems: problems)
    }

    /// Every row of every table of the exchange's state against the digest the last audited write
    /// that touched it recorded; documents also in the order their audited writes created them.
    private static func rowProblems(_ db: Database, records: [AuditRecord]) throws -> ([String], rows: Int) {
        // The digest each row had after the last write that touched it; legacy: a document digest
        // of the former kind, recorded before every row was bound.
        var expected: [String: (digest: String, legacy: Bool)] = [:]
        // A legacy digest leaves out a document's sequence: its order is checked against the
        // audit record that first wrote it. A digest of today covers the sequence itself.
        var created: [String: UInt64] = [:]
        for record in records where record.outcome == "ok" {
            let (rows, legacy) = RowBinding.parse(record.detail)
            for (name, digest) in rows {
                expected[name] = (digest, false)
                created[name] = nil
            }
            for (key, digest) in legacy {
                guard let slash = key.firstIndex(of: "/") else { continue }
                let name =
                    "document/" + RowBinding.escape(String(key[..<slash])) + "/"
                    + RowBinding.escape(String(key[slash...].dropFirst()))
                expected[name] = (digest, true)
                if created[name] == nil { created[name] = record.sequence }
            }
        }
        var problems: [String] = []
        var checked = 0
        for table in RowBinding.tables {
            let order = table.name == "document" ? " ORDER BY sequence" : ""
            var latestCreation: UInt64 = 0
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM \"\(table.name)\"\(order)")
            // The key columns' positions, found once per table rather than by name in every row.
            let columns = rows.first.map { Array($0.columnNames) } ?? []
            let keyIndices = table.key.compactMap { columns.firstIndex(of: $0) }
            for row in rows {
                checked += 1
                let values = Array(row.databaseValues)
                let name = RowBinding.Row(table: table.name, key: keyIndices.map { values[$0] }).name
                if let creation = created[name], expected[name]?.legacy == true {
                    if creation < latestCreation {
                        problems.append("\(name): out of order (rows were reordered outside the exchange)")
                    }
                    latestCreation = max(latestCreation, creation)
                }
                guard let recorded = expected.removeValue(forKey: name) else {
                    problems.append("\(name): no audited write made this row")
                    continue
                }
                let actual =
                    recorded.legacy
                    ? try SQLiteLedger.rowDigest(db, DocumentKey(authority: row["authority"], number: row["number"]))
                    : RowBinding.digest(table: table.name, values: values)
                if actual != recorded.digest {
                    problems.append(
                        "\(name): altered outside the exchange (the row differs from its last audited write)"
                    )
                }
            }
        }
        for (name, recorded) in expected.sorted(by: { $0.key < $1.key }) where recorded.digest != "deleted" {
            problems.append("\(name): deleted outside the exchange")
        }
        return (problems, checked)
    }

    /// The head the last commit recorded must be the last record: records deleted from the end
    /// of the trail (or the head itself) are found here. Its clock floor is the latest record's time.
    private static func headProblems(_ db: Database, records: [AuditRecord]) throws -> [String] {
        guard let head = try Row.fetchOne(db, sql: "SELECT * FROM audit_head WHERE id = 1") else {
            return ["audit chain: its head record is missing"]
        }
        let last = records.last
        let sequence: Int64 = head["sequence"]
        let hash: Data = head["hash"]
        guard sequence == Int64(last?.sequence ?? 0), hash == last?.hash ?? AuditChain.genesisHash else {
            return [
                "audit chain: the last commit ended at record \(sequence), the trail ends at \(last?.sequence ?? 0) — records were removed or altered at its end"
            ]
        }
        var problems: [String] = []
        let floor: Int64 = head["clock_floor"]
        if floor != records.map(\.at).max() ?? 0 {
            problems.append(
                "audit head: its clock floor is not the trail's latest time — it was altered outside the exchange"
            )
        }
        if (head["rows_bound"] as Int64) != 1 {
            problems.append("audit head: rows_bound was cleared — it was altered outside the exchange")
        }
        return problems
    }

    /// The running totals (`usage`) recomputed from the documents, compared with those stored.
    private static func totalsProblems(_ db: Database) throws -> [String] {
        var expected: [UsageKey: Usage] = [:]
        var problems: [String] = []
        let ledger = SQLiteLedger(db)
        let rows = try Row.fetchAll(db, sql: "SELECT \(SQLiteLedger.readColumns) FROM document")
        for row in rows {
            guard let document = try? ledger.document(from: row) else {
                problems.append(
                    "document \(row["authority"] as String)/\(row["number"] as String): its stored state is unreadable"
                )
                continue
            }
            for (key, usage) in document.contribution { expected[key] = (expected[key] ?? .zero) + usage }
        }
        // Totals cannot be recomputed from documents that cannot be read.
        guard problems.isEmpty else { return problems }
        let stored = try ledger.usages(country: nil, year: nil)
        for key in Set(expected.keys).union(stored.keys).sorted(by: { "\($0)" < "\($1)" }) {
            let recorded = stored[key] ?? .zero
            let computed = expected[key] ?? .zero
            guard recorded != computed else { continue }
            problems.append(
                "totals \(key.country)/\(key.substance)/\(key.year): recorded \(recorded.authorizedNotUsed) mg authorized and \(recorded.imported) mg imported, the documents give \(computed.authorizedNotUsed) and \(computed.imported)"
            )
        }
        return problems
    }
}
