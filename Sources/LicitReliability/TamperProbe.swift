import Foundation
import GRDB
import LicitClient

/// Rows of documents and of the audit trail altered, deleted or reordered in the database
/// file, each on a fresh copy: `licitd audit verify` must fail on every one, and pass on the
/// untouched copy.
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
