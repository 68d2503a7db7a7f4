import Foundation
import GRDB
import Testing

@testable import LicitStorageSQLite

/// The writer's direct binding stores every value as GRDB's own binding would, and fails as it does.
@Suite("SQLite store: statements run with values bound directly")
struct DatabaseRunTests {
    static let values: [DatabaseValue] = [
        .null, 0.databaseValue, Int64.min.databaseValue, Int64.max.databaseValue, 1.5.databaseValue,
        "".databaseValue, "plain".databaseValue, "nul\u{0}inside".databaseValue, "é, 🇮🇳 and ÿ".databaseValue,
        Data().databaseValue, Data([0, 1, 2, 255]).databaseValue, Data(repeating: 7, count: 100_000).databaseValue,
    ]

    @Test("each kind of value, empty texts and blobs among them, reads back as GRDB binds it")
    func roundTrip() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, direct ANY, bound ANY) STRICT")
            for (index, value) in Self.values.enumerated() {
                try db.run("INSERT INTO t (id, direct) VALUES (?, ?)", [index.databaseValue, value])
                try db.execute(sql: "UPDATE t SET bound = ? WHERE id = ?", arguments: [value, index])
            }
            // Compared in SQL, byte for byte (both bind a text only up to its first NUL).
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT direct, direct IS bound AS same, typeof(direct) = typeof(bound) AS sameType FROM t"
            )
            #expect(rows.count == Self.values.count)
            for (row, value) in zip(rows, Self.values) {
                #expect(row["same"] as Bool && row["sameType"] as Bool, "\(value)")
                if case .string(let text) = value.storage, text.contains("\u{0}") {
                    #expect(row["direct"] as String == String(text.prefix { $0 != "\u{0}" }))
                } else {
                    #expect(row["direct"] as DatabaseValue == value)
                }
            }
        }
    }

    @Test(
        "a refused row throws SQLite's extended code, a wrong count of values is refused, and the statement is reusable"
    )
    func failures() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE) STRICT")
            let insert = "INSERT INTO t (id, name) VALUES (?, ?)"
            try db.run(insert, [1.databaseValue, "a".databaseValue])
            #expect {
                try db.run(insert, [2.databaseValue, "a".databaseValue])
            } throws: { ($0 as? DatabaseError)?.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE }
            #expect {
                try db.run(insert, [3.databaseValue, .null])
            } throws: { ($0 as? DatabaseError)?.extendedResultCode == .SQLITE_CONSTRAINT_NOTNULL }
            #expect { try db.run(insert, [4.databaseValue]) } throws: {
                ($0 as? DatabaseError)?.resultCode == .SQLITE_MISUSE
            }
            try db.run(insert, [5.databaseValue, "b".databaseValue])
            #expect(try String.fetchAll(db, sql: "SELECT name FROM t ORDER BY id") == ["a", "b"])
        }
    }
}
