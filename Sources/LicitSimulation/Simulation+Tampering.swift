import Foundation
import GRDB
import LicitStorageSQLite

/// `audit verify` must catch any single change made to the database behind the exchange's back.
extension Simulation {
    /// Tables of SQLite's and GRDB's own bookkeeping, outside the exchange's state.
    static let bookkeeping: Set<String> = ["sqlite_sequence", "grdb_migrations"]

    /// Copies the database, changes one value (or deletes one row) of one table chosen by `seed`,
    /// and expects `audit verify` to report the copy broken.
    func checkTamperDetection(seed: UInt64) async throws {
        let copy = self.exchange.folder.appendingPathComponent("tampered-\(seed).sqlite").path
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: copy + suffix) }
        }
        guard let sqlite = self.exchange.sqlite else { return }
        try sqlite.backup(to: copy)
        var random = SimulationRandom(seed: seed)
        guard let change = try Self.tamper(copy, &random) else { return }
        let report = try SQLiteStore.verify(path: copy)
        self.checks += 1
        try require(
            !report.isIntact,
            "audit-covers-all-state",
            "\(change) behind the exchange's back, and audit verify still reports the database intact"
        )
    }

    /// One change to one row: returns what was changed, or nil when no change could be made.
    static func tamper(_ path: String, _ random: inout SimulationRandom) throws -> String? {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.write { db -> String? in
            let tables = try String.fetchAll(
                db,
                sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            ).filter { !Self.bookkeeping.contains($0) }
            for _ in 0..<40 {
                let table = tables[random.int(0...(tables.count - 1))]
                let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM \"\(table)\"") ?? 0
                guard count > 0 else { continue }
                let rowid = try Int64.fetchOne(
                    db,
                    sql: "SELECT rowid FROM \"\(table)\" LIMIT 1 OFFSET \(random.int(0...(count - 1)))"
                )!
                let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(\"\(table)\")").map { $0["name"] as String }
                if random.chance(15) {
                    if (try? db.execute(sql: "DELETE FROM \"\(table)\" WHERE rowid = ?", arguments: [rowid])) != nil {
                        return "row \(rowid) of \(table) deleted"
                    }
                    continue
                }
                let column = columns[random.int(0...(columns.count - 1))]
                let value =
                    try DatabaseValue.fetchOne(
                        db,
                        sql: "SELECT \"\(column)\" FROM \"\(table)\" WHERE rowid = ?",
                        arguments: [rowid]
                    ) ?? .null
                let changed: DatabaseValue
                switch value.storage {
                case .int64(let number): changed = (number &+ 1).databaseValue
                case .double(let number): changed = (number + 1).databaseValue
                case .string(let text): changed = Self.altered(text).databaseValue
                case .blob(let bytes):
                    var flipped = bytes.isEmpty ? Data([0]) : bytes
                    flipped[flipped.startIndex] ^= 0x01
                    changed = flipped.databaseValue
                case .null: changed = "x".databaseValue
                }
                guard changed != value else { continue }
                let update = "UPDATE \"\(table)\" SET \"\(column)\" = ? WHERE rowid = ?"
                if (try? db.execute(sql: update, arguments: [changed, rowid])) != nil, db.changesCount == 1 {
                    return "\(table).\(column) of row \(rowid) changed"
                }
            }
            return nil
        }
    }

    /// A text changed in a way its column's checks still accept: JSON stays JSON, a number stays one.
    static func altered(_ text: String) -> String {
        if let number = Int64(text) { return String(number + 1) }
        if text.hasPrefix("{") || text.hasPrefix("[") {
            if let range = text.range(of: #"\d+"#, options: .regularExpression) {
                return text.replacingCharacters(in: range, with: String((Int64(text[range]) ?? 0) + 1))
            }
            let (open, close) = text.hasPrefix("{") ? ("{\"x\":1", "}") : ("[1", "]")
            return text.count <= 2 ? open + close : open + "," + text.dropFirst()
        }
        return text.isEmpty ? "x" : String(text.dropLast()) + (text.last == "x" ? "y" : "x")
    }
}
