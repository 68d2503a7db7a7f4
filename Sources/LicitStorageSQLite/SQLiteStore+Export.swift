import Foundation
import GRDB
import LicitStorage

extension SQLiteStore: TableExporting {
    public func tableNames() throws -> [String] {
        try self.pool.read { db in
            try String.fetchAll(
                db,
                sql:
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'"
            )
        }
    }

    public func rows(of table: String, columns: [String], orderedBy: [String]) throws -> [[TableValue]] {
        try self.pool.read { db in
            guard try db.tableExists(table) else { throw SQLiteExportError("the database has no table \(table)") }
            let known = Set(try db.columns(in: table).map(\.name))
            for column in columns + orderedBy where !known.contains(column) {
                throw SQLiteExportError(
                    "the table \(table) has no column \(column): is the database from another version?"
                )
            }
            let list = columns.map { $0.quotedDatabaseIdentifier }.joined(separator: ", ")
            let order = orderedBy.map { $0.quotedDatabaseIdentifier }.joined(separator: ", ")
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT \(list) FROM \(table.quotedDatabaseIdentifier) ORDER BY \(order)"
            )
            return rows.map { row in
                (0..<columns.count).map { index in
                    switch row[index] as DatabaseValue {
                    case let value where value.isNull: .null
                    case let value:
                        switch value.storage {
                        case .int64(let integer): .integer(integer)
                        case .double(let real): .real(real)
                        case .string(let text): .text(text)
                        case .blob(let data): .blob(data)
                        case .null: .null
                        }
                    }
                }
            }
        }
    }

    public func ledgerHead() throws -> LedgerHeadExport {
        try self.pool.read { db in
            guard
                let head = try Row.fetchOne(db, sql: "SELECT sequence, hash, clock_floor FROM audit_head WHERE id = 1")
            else { throw SQLiteExportError("the database has no audit head: is it an exchange?") }
            func sequence(_ table: String) throws -> Int64 {
                try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = ?", arguments: [table]) ?? 0
            }
            return LedgerHeadExport(
                auditSequence: head["sequence"],
                auditHash: head["hash"],
                clockFloor: head["clock_floor"],
                documentSequence: try sequence("document"),
                eventSequence: try sequence("inbox_event")
            )
        }
    }
}

struct SQLiteExportError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
