import Foundation
import GRDB
import LicitClient
import LicitStorage

/// Rows of documents and of the audit trail altered, deleted or reordered in the database
/// file, each on a fresh copy: `licitd audit verify` must fail on every one, and pass on the
/// untouched copy. Then the whole trail rewritten consistently from a record on (every hash after
/// it recomputed, the head too): the chain alone cannot show it, the checkpoint the Board kept
/// must (`audit verify --checkpoints`).
struct TamperProbe {
    let lab: Lab

    enum Tamper: CustomStringConvertible {
        case alter(table: String, row: Int64, column: String)
        case delete(table: String, row: Int64)
        case swap(table: String, first: Int64, second: Int64)

        var kind: String {
            switch self {
            case .alter(let table, _, _): "\(table)_altered"
            case .delete(let table, _): "\(table)_deleted"
            case .swap(let table, _, _): "\(table)_reordered"
            }
        }

        var description: String {
            switch self {
            case .alter(let table, let row, let column): "\(table) row \(row): \(column) changed"
            case .delete(let table, let row): "\(table) row \(row) deleted"
            case .swap(let table, let first, let second): "\(table) rows \(first) and \(second) swapped"
            }
        }
    }

    func run() async throws -> Findings {
        var findings = Findings()
        let folder = try self.lab.folder("tamper")
        let daemon = try await LicitdProcess.sandbox(self.lab, in: folder)
        try await daemon.startServing()
        let book = WriteBook()
        let writers = (0..<2).map { AuthorizationWriter(index: $0, book: book, inFlight: Counter()) }
        try await withLicitClient(try daemon.configuration("fr-signer")) { france in
            try await withLicitClient(try daemon.configuration("in-signer")) { india in
                for writer in writers { await writer.write(24, france: france, india: india) }
            }
        }
        // Denials are audited too: a viewer trying to issue.
        try await withLicitClient(try daemon.configuration("fr-viewer")) { viewer in
            for _ in 0..<3 { _ = try? await viewer.issueImportAuthorization(.init()) }
        }
        // The Board keeps a checkpoint from its inbox; the trail goes on after it.
        let checkpoint = try await withLicitClient(try daemon.configuration("board-admin")) { board in
            try await board.deliverAuditCheckpoint()
        }
        let checkpoints = folder.appendingPathComponent("checkpoints.log")
        try Data((checkpoint.line + "\n").utf8).write(to: checkpoints)
        try await withLicitClient(try daemon.configuration("fr-signer")) { france in
            try await withLicitClient(try daemon.configuration("in-signer")) { india in
                await writers[0].write(4, france: france, india: india)
            }
        }
        daemon.stop()

        let clean = folder.appendingPathComponent("clean.sqlite")
        try await DatabaseQueue(path: daemon.databaseFile.path).writeWithoutTransaction { db in
            try db.execute(sql: "VACUUM INTO ?", arguments: [clean.path])
        }
        let control = try daemon.auditVerify(database: clean)
        findings.check(control.status == 0, "audit verify fails on the untouched copy: \(control.output)")

        var detected: [String: Int] = [:]
        var tried: [String: Int] = [:]
        for tamper in try self.tampers(clean) {
            let copy = folder.appendingPathComponent("case.sqlite")
            try? FileManager.default.removeItem(at: copy)
            try FileManager.default.copyItem(at: clean, to: copy)
            try Self.apply(tamper, to: copy)
            let verified = try daemon.auditVerify(database: copy)
            tried[tamper.kind, default: 0] += 1
            if verified.status == 1 { detected[tamper.kind, default: 0] += 1 }
            findings.check(verified.status == 1, "not detected: \(tamper) (audit verify exit \(verified.status))")
        }
        let checked = try daemon.auditVerify(database: clean, checkpoints: checkpoints)
        findings.check(checked.status == 0, "audit verify --checkpoints fails on the untouched copy: \(checked.output)")
        let rewrites = (0..<self.lab.scale.tamperCasesPerKind).map { _ in UInt64.random(in: 1...checkpoint.sequence) }
        var unseenByTheChain = 0
        for start in rewrites {
            let copy = folder.appendingPathComponent("case.sqlite")
            try? FileManager.default.removeItem(at: copy)
            try FileManager.default.copyItem(at: clean, to: copy)
            try Self.rewriteTrail(of: copy, from: start)
            let kind = "audit_rewritten_consistently"
            tried[kind, default: 0] += 1
            if try daemon.auditVerify(database: copy).status == 0 { unseenByTheChain += 1 }
            let verified = try daemon.auditVerify(database: copy, checkpoints: checkpoints)
            if verified.status == 1 { detected[kind, default: 0] += 1 }
            findings.check(
                verified.status == 1,
                "not detected with the checkpoint: the trail rewritten from record \(start) (exit \(verified.status))"
            )
        }
        findings.figures["audit_rewritten_consistently_unseen_without_checkpoints"] = Double(unseenByTheChain)
        for (kind, count) in tried {
            findings.figures["\(kind)_cases"] = Double(count)
            findings.figures["\(kind)_detected_percent"] = Double(detected[kind, default: 0] * 100 / count)
        }
        let total = tried.values.reduce(0, +)
        findings.figures["cases"] = Double(total)
        findings.figures["detected_percent"] = Double(detected.values.reduce(0, +) * 100 / max(total, 1))
        return findings
    }

    /// For each table: every column of random rows altered, random rows deleted (the first and
    /// the last among them), random pairs of rows swapped.
    private func tampers(_ database: URL) throws -> [Tamper] {
        let perKind = self.lab.scale.tamperCasesPerKind
        return try DatabaseQueue(path: database.path).read { db in
            var tampers: [Tamper] = []
            for table in ["document", "audit"] {
                let rows = try Int64.fetchAll(db, sql: "SELECT rowid FROM \(table) ORDER BY rowid")
                guard rows.count > 2, let first = rows.first, let last = rows.last else { continue }
                let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(\(table))").map { $0["name"] as String }
                    .filter { !(table == "document" && $0 == "sequence") }
                for index in 0..<perKind {
                    let row = rows.randomElement()!
                    tampers.append(.alter(table: table, row: row, column: columns[index % columns.count]))
                }
                for column in columns {
                    tampers.append(.alter(table: table, row: rows.randomElement()!, column: column))
                }
                tampers += [.delete(table: table, row: first), .delete(table: table, row: last)]
                for _ in 0..<perKind { tampers.append(.delete(table: table, row: rows.randomElement()!)) }
                for _ in 0..<perKind {
                    let pair = rows.shuffled().prefix(2)
                    tampers.append(.swap(table: table, first: pair.first!, second: pair.last!))
                }
            }
            return tampers
        }
    }

    /// What someone with the file and `sqlite3` would do: constraints off, one change.
    static func apply(_ tamper: Tamper, to database: URL) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        try DatabaseQueue(path: database.path, configuration: configuration).writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            switch tamper {
            case .alter(let table, let row, let column):
                let value =
                    try Row.fetchOne(
                        db,
                        sql: "SELECT \(column) AS value FROM \(table) WHERE rowid = ?",
                        arguments: [row]
                    )?["value"] as DatabaseValue?
                try db.execute(
                    sql: "UPDATE \(table) SET \(column) = ? WHERE rowid = ?",
                    arguments: [Self.changed(value ?? .null, column: column), row]
                )
            case .delete(let table, let row):
                try db.execute(sql: "DELETE FROM \(table) WHERE rowid = ?", arguments: [row])
            case .swap(let table, let first, let second):
                let key = "sequence"
                try db.inTransaction {
                    try db.execute(sql: "UPDATE \(table) SET \(key) = -1 WHERE \(key) = ?", arguments: [first])
                    try db.execute(sql: "UPDATE \(table) SET \(key) = ? WHERE \(key) = ?", arguments: [first, second])
                    try db.execute(sql: "UPDATE \(table) SET \(key) = ? WHERE \(key) = -1", arguments: [second])
                    return .commit
                }
            }
        }
    }

    /// Who did record `start` changed, and every hash from it on recomputed, the head's too: a
    /// rewrite the hash chain and the row digests alone cannot tell from the original.
    static func rewriteTrail(of database: URL, from start: UInt64) throws {
        try DatabaseQueue(path: database.path).write { db in
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT * FROM audit WHERE sequence >= ? ORDER BY sequence",
                arguments: [Int64(start)]
            )
            var previous: Data =
                try Data.fetchOne(
                    db,
                    sql: "SELECT hash FROM audit WHERE sequence = ?",
                    arguments: [Int64(start) - 1]
                ) ?? AuditChain.genesisHash
            for row in rows {
                let sequence: Int64 = row["sequence"]
                let actor: String = sequence == Int64(start) ? "someone-else" : row["actor"]
                let fields: [String] = [
                    actor, row["certificate"], row["action"], row["subject"], row["outcome"], row["detail"],
                ]
                let hash = AuditRecord.hash(
                    previousHash: previous,
                    sequence: UInt64(sequence),
                    at: row["at"],
                    fields: fields
                )
                try db.execute(
                    sql: "UPDATE audit SET actor = ?, previous_hash = ?, hash = ? WHERE sequence = ?",
                    arguments: [actor, previous, hash, sequence]
                )
                previous = hash
            }
            try db.execute(sql: "UPDATE audit_head SET hash = ? WHERE id = 1", arguments: [previous])
        }
    }

    /// A different value of the same type: the smallest change someone could hope goes unseen.
    static func changed(_ value: DatabaseValue, column: String) -> DatabaseValue {
        switch value.storage {
        case .int64(let number): return (number + (column == "sequence" ? 1_000_000 : 1)).databaseValue
        case .double(let number): return (number + 1).databaseValue
        case .string(let text):
            guard let last = text.last else { return "x".databaseValue }
            return (String(text.dropLast()) + (last == "1" ? "2" : "1")).databaseValue
        case .blob(let data):
            guard !data.isEmpty else { return Data([1]).databaseValue }
            var changed = data
            changed[changed.startIndex] ^= 0x01
            return changed.databaseValue
        case .null: return "x".databaseValue
        }
    }
}
