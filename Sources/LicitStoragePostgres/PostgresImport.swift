import Foundation
import LicitStorage
import Logging
import PostgresNIO

/// Copies a whole exchange into an empty PostgreSQL database, table by table, in one transaction,
/// then reads every row back and compares it with the source (`licitd migrate`): documents and
/// their histories, the audit trail as it is (its hashes untouched), idempotency records, inbox
/// events and cursors, balances, reference data, attachments, the sandbox clock, and the ledger's
/// head (chain head, clock floor, last sequences).
public enum PostgresImport {
    /// The tables in an order their references allow, each with the key its rows are compared by.
    static let tables: [(name: String, key: [String])] = [
        ("country", ["code"]), ("authority", ["code"]), ("substance", ["code"]),
        ("allowance", ["country", "substance", "year"]), ("prohibition", ["country", "substance"]),
        ("trader", ["id"]), ("estimate_request", ["id"]), ("annual_estimate", ["id"]), ("return_filing", ["id"]),
        ("notification_target", ["id"]),
        ("audit", ["sequence"]),
        ("request", ["authority", "request_id"]),
        ("document", ["sequence"]), ("document_history", ["authority", "number", "position"]),
        ("usage", ["country", "substance", "year"]), ("inbox_event", ["sequence"]),
        ("inbox_cursor", ["recipient"]), ("attachment", ["sha256"]), ("sandbox_clock", ["id"]),
    ]

    /// What was copied: rows per table.
    public struct Report: Sendable {
        public var rows: [(table: String, count: Int)] = []
        public var total: Int { self.rows.map(\.count).reduce(0, +) }
    }

    /// Copies `source` into `configuration`'s database (schema created if needed; refused unless
    /// it holds no exchange yet) and verifies the copy row by row. `progress` hears each table.
    public static func copy(
        _ source: some TableExporting,
        to configuration: PostgresStoreConfiguration,
        logger: Logger = Logger(label: "licit.migrate"),
        progress: (String, Int) -> Void = { _, _ in }
    ) async throws -> Report {
        let connection = try await PostgresConnection.connect(
            configuration: try configuration.connection(),
            id: 1,
            logger: logger
        )
        do {
            let report = try await Self.copy(source, over: connection, logger: logger, progress: progress)
            try await connection.close()
            return report
        } catch {
            try? await connection.close()
            throw error
        }
    }

    private static func copy(
        _ source: some TableExporting,
        over connection: PostgresConnection,
        logger: Logger,
        progress: (String, Int) -> Void
    ) async throws -> Report {
        let uncopied = Set(try source.tableNames()).subtracting(Self.tables.map(\.name) + ["audit_head"])
        guard uncopied.isEmpty else {
            throw PostgresImportError(
                "nothing was written: the source holds tables this version does not copy (\(uncopied.sorted().joined(separator: ", "))); migrate with the licitd that wrote it"
            )
        }
        try await PostgresMigrations.migrate(connection, logger: logger)
        var report = Report()
        try await connection.query("BEGIN", logger: logger)
        do {
            let held = try await connection.query(
                "SELECT (SELECT count(*) FROM audit) + (SELECT count(*) FROM document) + (SELECT count(*) FROM country)",
                logger: logger
            )
            for try await count in held.decode(Int64.self) where count > 0 {
                throw PostgresImportError(
                    "nothing was written: the database already holds an exchange (\(count) audit records, documents or countries); migrate into a new, empty database"
                )
            }
            for (table, key) in Self.tables {
                let columns = try await Self.columns(of: table, connection, logger)
                let rows = try source.rows(of: table, columns: columns.map(\.name), orderedBy: key)
                try await Self.insert(rows, into: table, columns: columns, connection, logger)
                report.rows.append((table, rows.count))
                progress(table, rows.count)
            }
            let head = try source.ledgerHead()
            try await connection.query(
                """
                UPDATE ledger_head SET audit_sequence = \(head.auditSequence), audit_hash = \(head.auditHash),
                    clock_floor = \(head.clockFloor), document_sequence = \(head.documentSequence),
                    event_sequence = \(head.eventSequence)
                WHERE id = 1
                """,
                logger: logger
            )
            try await connection.query("COMMIT", logger: logger)
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
        try await Self.verify(source, connection, logger)
        return report
    }

    struct Column {
        let name: String
        /// PostgreSQL's type name, as a cast writes it: bigint, integer, text, bytea, boolean,
        /// jsonb, double precision, text[].
        let type: String
    }

    static func columns(of table: String, _ connection: PostgresConnection, _ logger: Logger) async throws -> [Column] {
        let rows = try await connection.query(
            """
            SELECT column_name, format_type(atttypid, atttypmod) FROM information_schema.columns
            JOIN pg_attribute ON attrelid = \(table)::regclass AND attname = column_name
            WHERE table_schema = current_schema() AND table_name = \(table)
            ORDER BY ordinal_position
            """,
            logger: logger
        )
        var columns: [Column] = []
        for try await (name, type) in rows.decode((String, String).self) {
            columns.append(Column(name: name, type: type))
        }
        return columns
    }

    /// Inserts `rows` in statements of up to 200 rows, each value cast to its column's type.
    static func insert(
        _ rows: [[TableValue]],
        into table: String,
        columns: [Column],
        _ connection: PostgresConnection,
        _ logger: Logger
    ) async throws {
        let names = columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
        var start = 0
        while start < rows.count {
            let batch = rows[start..<min(start + 200, rows.count)]
            var bindings = PostgresBindings()
            var tuples: [String] = []
            for row in batch {
                var placeholders: [String] = []
                for (column, value) in zip(columns, row) {
                    try Self.bind(value, as: column, table: table, into: &bindings)
                    placeholders.append("$\(bindings.count)::\(column.type)")
                }
                tuples.append("(\(placeholders.joined(separator: ", ")))")
            }
            let sql = "INSERT INTO \(table) (\(names)) VALUES \(tuples.joined(separator: ", "))"
            try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger)
            start += batch.count
        }
    }

    /// One source value, converted to what its column holds.
    static func bind(
        _ value: TableValue,
        as column: Column,
        table: String,
        into bindings: inout PostgresBindings
    ) throws {
        func mismatch() -> PostgresImportError {
            PostgresImportError("\(table).\(column.name): \(value) cannot be stored as \(column.type)")
        }
        switch (column.type, value) {
        case (_, .null): bindings.append(Optional<String>.none)
        case ("bigint", .integer(let integer)), ("integer", .integer(let integer)): bindings.append(integer)
        case ("boolean", .integer(let integer)): bindings.append(integer != 0)
        case ("double precision", .real(let real)): bindings.append(real)
        case ("double precision", .integer(let integer)): bindings.append(Double(integer))
        case ("text", .text(let text)), ("jsonb", .text(let text)): bindings.append(text)
        case ("bytea", .blob(let data)): try bindings.append(data)
        // A document's substances: ",MORPHINE,CODEINE," in SQLite, an array here.
        case ("text[]", .text(let list)): bindings.append(list.split(separator: ",").map(String.init))
        default: throw mismatch()
        }
    }

    /// Reads every table back and compares each row with the source's, value by value; then the
    /// ledger's head. Throws naming the first rows that differ.
    static func verify(_ source: some TableExporting, _ connection: PostgresConnection, _ logger: Logger) async throws {
        var differences: [String] = []
        for (table, key) in Self.tables {
            let columns = try await Self.columns(of: table, connection, logger)
            let expected = try source.rows(of: table, columns: columns.map(\.name), orderedBy: key)
            let list = columns.map { "\"\($0.name)\"::text" }.joined(separator: ", ")
            let order = key.map { "\"\($0)\"" }.joined(separator: ", ")
            let rows = try await connection.query(
                PostgresQuery(unsafeSQL: "SELECT \(list) FROM \(table) ORDER BY \(order)"),
                logger: logger
            )
            var copied: [[String?]] = []
            for try await row in rows {
                copied.append(try row.map { try $0.decode(String?.self) })
            }
            if copied.count != expected.count {
                differences.append("\(table): \(expected.count) rows in the source, \(copied.count) in the copy")
                continue
            }
            for (index, (source, copy)) in zip(expected, copied).enumerated() {
                for (column, (value, text)) in zip(columns, zip(source, copy)) where !Self.same(value, text, column) {
                    differences.append("\(table) row \(index + 1), \(column.name): \(value) became \(text ?? "NULL")")
                }
            }
        }
        let head = try source.ledgerHead()
        let rows = try await connection.query(
            "SELECT audit_sequence, audit_hash, clock_floor, document_sequence, event_sequence FROM ledger_head",
            logger: logger
        )
        for try await (sequence, hash, floor, documents, events) in rows.decode((Int64, Data, Int64, Int64, Int64).self)
        {
            let copied = LedgerHeadExport(
                auditSequence: sequence,
                auditHash: hash,
                clockFloor: floor,
                documentSequence: documents,
                eventSequence: events
            )
            if copied != head { differences.append("the ledger's head: \(head) became \(copied)") }
        }
        guard differences.isEmpty else {
            throw PostgresImportError(
                "the copy differs from the source in \(differences.count) places (drop the database before trying again), first: "
                    + differences.prefix(5).joined(separator: "; ")
            )
        }
    }

    /// Whether PostgreSQL's text form of a copied value says the same as the source value.
    static func same(_ value: TableValue, _ text: String?, _ column: Column) -> Bool {
        guard let text else { return value == .null }
        switch (column.type, value) {
        case ("bigint", .integer(let integer)), ("integer", .integer(let integer)): return Int64(text) == integer
        case ("boolean", .integer(let integer)): return ["t", "true"].contains(text) == (integer != 0)
        case ("double precision", .real(let real)): return Double(text) == real
        case ("double precision", .integer(let integer)): return Double(text) == Double(integer)
        case ("text", .text(let source)): return text == source
        case ("bytea", .blob(let data)): return text == "\\x" + data.map { String(format: "%02x", $0) }.joined()
        case ("jsonb", .text(let source)): return Self.sameJSON(source, text)
        case ("text[]", .text(let list)):
            let elements = text.dropFirst().dropLast().split(separator: ",").map(String.init)
            return elements == list.split(separator: ",").map(String.init)
        default: return false
        }
    }

    static func sameJSON(_ left: String, _ right: String) -> Bool {
        let parse = { (text: String) in
            try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        }
        guard let left = parse(left) as? NSObject, let right = parse(right) as? NSObject else { return false }
        return left.isEqual(right)
    }
}

/// A copy that could not be made or did not match its source, and why.
public struct PostgresImportError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
