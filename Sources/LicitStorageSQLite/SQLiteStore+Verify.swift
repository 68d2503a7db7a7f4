import Foundation
import GRDB
import LicitModel
import LicitStorage

/// What `licitd audit verify` finds in a database file.
public struct AuditReport: Sendable {
    /// Audit records checked.
    public let records: Int
    /// Documents checked against the digests their last audited write recorded.
    public let documents: Int
    /// Every problem, the first broken link first; empty when the file is intact.
    public let problems: [String]

    public var isIntact: Bool { self.problems.isEmpty }
}

extension SQLiteStore {
    /// Recomputes the audit chain, checks that every document row is exactly as its last
    /// audited write left it (and that none vanished), that the running totals are what the
    /// documents add up to, and runs SQLite's integrity check.
    public func verify() throws -> AuditReport {
        try self.pool.read(Self.verify)
    }

    /// Verifies the database at `path` without opening it for writing: a daemon may be serving it.
    public static func verify(path: String) throws -> AuditReport {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read(Self.verify)
    }

    private static func verify(_ db: Database) throws -> AuditReport {
        do {
            var problems: [String] = []
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            if integrity != ["ok"] { problems.append("SQLite integrity check: \(integrity.joined(separator: "; "))") }
            let records = try Row.fetchAll(db, sql: "SELECT * FROM audit ORDER BY sequence").map(AuditRecord.init(row:))
            if let broken = AuditChain.verify(records) { problems.append("audit chain: \(broken)") }
            problems += try Self.headProblems(db, last: records.last)
            // The digest each document had after the last write that touched it.
            var expected: [String: String] = [:]
            // The audit record that first wrote each document: rows must be in that order.
            var created: [String: UInt64] = [:]
            for record in records where record.outcome == "ok" && record.detail.hasPrefix("documents: ") {
                for entry in record.detail.dropFirst("documents: ".count).split(separator: " ") {
                    guard let equals = entry.lastIndex(of: "=") else { continue }
                    let key = String(entry[..<equals])
                    expected[key] = String(entry[entry.index(after: equals)...])
                    if created[key] == nil { created[key] = record.sequence }
                }
            }
            let keys = try Row.fetchAll(db, sql: "SELECT authority, number FROM document ORDER BY sequence").map {
                DocumentKey(authority: $0["authority"], number: $0["number"])
            }
            var latestCreation: UInt64 = 0
            for key in keys {
                if let creation = created[key.description] {
                    if creation < latestCreation {
                        problems.append("document \(key): out of order (rows were reordered outside the exchange)")
                    }
                    latestCreation = max(latestCreation, creation)
                }
                let actual = try SQLiteLedger.rowDigest(db, key)
                switch expected.removeValue(forKey: key.description) {
                case nil:
                    problems.append("document \(key): no audited write created it")
                case let digest? where digest != actual:
                    problems.append(
                        "document \(key): altered outside the exchange (its row differs from the last audited write)"
                    )
                default:
                    break
                }
            }
            for (key, digest) in expected.sorted(by: { $0.key < $1.key }) where digest != "deleted" {
                problems.append("document \(key): deleted outside the exchange")
            }
            problems += try Self.totalsProblems(db)
            return AuditReport(records: records.count, documents: keys.count, problems: problems)
        }
    }

    /// The head the last commit recorded must be the last record: records deleted from the end
    /// of the trail (or the head itself) are found here.
    private static func headProblems(_ db: Database, last: AuditRecord?) throws -> [String] {
        guard let head = try Row.fetchOne(db, sql: "SELECT sequence, hash FROM audit_head WHERE id = 1") else {
            return ["audit chain: its head record is missing"]
        }
        let sequence: Int64 = head["sequence"]
        let hash: Data = head["hash"]
        guard sequence == Int64(last?.sequence ?? 0), hash == last?.hash ?? AuditChain.genesisHash else {
            return [
                "audit chain: the last commit ended at record \(sequence), the trail ends at \(last?.sequence ?? 0) — records were removed or altered at its end"
            ]
        }
        return []
    }

    /// The running totals (`usage`) recomputed from the documents, compared with those stored.
    private static func totalsProblems(_ db: Database) throws -> [String] {
        var expected: [UsageKey: Usage] = [:]
        var problems: [String] = []
        let rows = try Row.fetchAll(db, sql: "SELECT sequence, authority, number, state, content, seal FROM document")
        for row in rows {
            guard let document = try? SQLiteLedger.document(from: row) else {
                problems.append(
                    "document \(row["authority"] as String)/\(row["number"] as String): its stored state is unreadable"
                )
                continue
            }
            for (key, usage) in document.contribution { expected[key] = (expected[key] ?? .zero) + usage }
        }
        // Totals cannot be recomputed from documents that cannot be read.
        guard problems.isEmpty else { return problems }
        let stored = try SQLiteLedger(db).usages(country: nil, year: nil)
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
