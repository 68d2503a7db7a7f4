import Crypto
import Foundation
import GRDB
import LicitStorage

/// Binds every row of the exchange's state to the audit chain: each write's audit record names
/// the rows it left behind with a digest of each (`rows: usage/FR/MORPHINE/2026=… inbox_event/17=…`),
/// so that `audit verify` can tell any row changed, added or deleted behind the exchange's back.
/// The trail's own tables (`audit`, `audit_head`) are checked by the chain itself.
enum RowBinding {
    /// Every table of the exchange's state, with the columns that name a row in it.
    static let tables: [(name: String, key: [String])] = [
        ("document", ["authority", "number"]),
        ("document_history", ["authority", "number", "position"]),
        ("usage", ["country", "substance", "year"]),
        ("country", ["code"]),
        ("authority", ["code"]),
        ("substance", ["code"]),
        ("allowance", ["country", "substance", "year"]),
        ("prohibition", ["country", "substance"]),
        ("trader", ["id"]),
        ("estimate_request", ["id"]),
        ("annual_estimate", ["id"]),
        ("return_filing", ["id"]),
        ("notification_target", ["id"]),
        ("inbox_event", ["sequence"]),
        ("inbox_cursor", ["recipient"]),
        ("attachment", ["sha256"]),
        ("sandbox_clock", ["id"]),
        ("request", ["authority", "request_id"]),
    ]

    static let keyColumns = Dictionary(uniqueKeysWithValues: Self.tables.map { ($0.name, $0.key) })

    /// The prefix of an audit record's detail that lists the rows its write left behind.
    static let prefix = "rows: "

    /// One row, by table and key values.
    struct Row: Hashable {
        let table: String
        let key: [DatabaseValue]

        /// `table/key/…`, each key value with `%`, `/`, `=` and spaces escaped.
        var name: String {
            var name = self.table
            for value in self.key {
                name += "/"
                name += RowBinding.escape(RowBinding.text(value))
            }
            return name
        }
    }

    /// SHA-256 (first 16 bytes, hex) over the table name and every column of the row, in the
    /// table's order: each value as a type tag and its bytes. `nil` for a row that is not there.
    static func digest(of row: Row, in db: Database) throws -> String? {
        let columns = Self.keyColumns[row.table]!
        let condition = columns.map { "\"\($0)\" IS ?" }.joined(separator: " AND ")
        return try GRDB.Row.fetchOne(
            db.cachedStatement(sql: "SELECT * FROM \"\(row.table)\" WHERE \(condition)"),
            arguments: StatementArguments(row.key)
        ).map { Self.digest(table: row.table, values: Array($0.databaseValues)) }
    }

    static func digest(table: String, values: [DatabaseValue]) -> String {
        // One buffer, sized first and hashed once: the row's values as (tag, 4-byte big-endian
        // length, bytes).
        var bytes: [UInt8] = []
        bytes.reserveCapacity(
            values.reduce(5 + table.utf8.count) { size, value in
                switch value.storage {
                case .null: size + 5
                case .int64, .double: size + 13
                case .string(let text): size + 5 + text.utf8.count
                case .blob(let data): size + 5 + data.count
                }
            }
        )
        func append(_ tag: UInt8, _ body: some Collection<UInt8>) {
            bytes.append(tag)
            withUnsafeBytes(of: UInt32(body.count).bigEndian) { bytes.append(contentsOf: $0) }
            bytes.append(contentsOf: body)
        }
        append(3, table.utf8)
        for value in values {
            switch value.storage {
            case .null: append(0, [])
            case .int64(let number): withUnsafeBytes(of: number.bigEndian) { append(1, $0) }
            case .double(let number): withUnsafeBytes(of: number.bitPattern.bigEndian) { append(2, $0) }
            case .string(let text): append(3, text.utf8)
            case .blob(let data): append(4, data)
            }
        }
        return SHA256.hash(data: bytes).withUnsafeBytes { $0.prefix(16).lowercaseHex }
    }

    /// The detail of an audit record binding `digests` (a deleted row: "deleted").
    static func detail(_ digests: [(Row, String)]) -> String {
        guard !digests.isEmpty else { return "" }
        return Self.prefix + digests.map { "\($0.0.name)=\($0.1)" }.sorted().joined(separator: " ")
    }

    /// The rows an audit record's detail binds, by name; legacy `documents: ` details name
    /// documents with their former digest, kept apart.
    static func parse(_ detail: String) -> (rows: [(String, String)], legacy: [(String, String)]) {
        func entries(_ text: Substring) -> [(String, String)] {
            text.split(separator: " ").compactMap { entry in
                guard let equals = entry.lastIndex(of: "=") else { return nil }
                return (String(entry[..<equals]), String(entry[equals...].dropFirst()))
            }
        }
        if detail.hasPrefix(Self.prefix) { return (entries(detail.dropFirst(Self.prefix.count)), []) }
        if detail.hasPrefix("documents: ") { return ([], entries(detail.dropFirst("documents: ".count))) }
        return ([], [])
    }

    static func text(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: "NULL"
        case .int64(let number): String(number)
        case .double(let number): String(number)
        case .string(let text): text
        case .blob(let bytes): bytes.lowercaseHex
        }
    }

    static func escape(_ text: String) -> String {
        // Most keys need no escaping: returned as they are, without a copy.
        guard text.utf8.contains(where: Self.isEscaped) else { return text }
        var escaped = ""
        for character in text.unicodeScalars {
            switch character {
            case "%", "/", "=", " ", "\n", "\t", "\r": escaped += String(format: "%%%02X", character.value)
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }

    private static func isEscaped(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "%"), UInt8(ascii: "/"), UInt8(ascii: "="), UInt8(ascii: " "), UInt8(ascii: "\n"),
            UInt8(ascii: "\t"), UInt8(ascii: "\r"):
            true
        default: false
        }
    }
}
