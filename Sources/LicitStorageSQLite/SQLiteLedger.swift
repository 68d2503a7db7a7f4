import Crypto
import Foundation
import GRDB
import LicitModel
import LicitStorage

/// The ledger's reads and writes in SQL, on one GRDB connection: a reader's snapshot, or the
/// writer inside the shared transaction.
final class SQLiteLedger: LedgerTransaction {
    let db: Database
    let codec: DocumentStateCodec
    /// The rows this write changed, in the order first changed: its audit record binds each.
    private(set) var touched: [RowBinding.Row] = []
    private var touchedSet: Set<RowBinding.Row> = []
    /// The digests of rows whose every column this write set itself, so they need not be read back.
    private var written: [RowBinding.Row: String] = [:]
    /// The inbox events this write appended, with their sequences, in order.
    var appendedEvents: [InboxEntry] = []
    /// The document rows this write read or wrote, as they stand (when `remembersRows`): an update
    /// sets only the columns that differ (an IA whose export totals moved changes its state alone,
    /// and SQLite then leaves the document's indexes as they are).
    private let remembersRows: Bool
    private var knownRows: [DocumentKey: (sequence: Int64, values: [DatabaseValue])] = [:]

    /// `remembersRows` for a write: its document reads then take every column, so that its
    /// updates can set only those that change.
    init(_ db: Database, codec: DocumentStateCodec = DocumentStateCodec(), remembersRows: Bool = false) {
        self.db = db
        self.codec = codec
        self.remembersRows = remembersRows
    }

    /// Notes that the row of `table` named by `key` was written (or deleted).
    func touch(_ table: String, _ key: [any DatabaseValueConvertible], digest: String? = nil) {
        let row = RowBinding.Row(table: table, key: key.map(\.databaseValue))
        if self.touchedSet.insert(row).inserted { self.touched.append(row) }
        self.written[row] = digest
    }

    /// Each row this write changed, with its digest now ("deleted" when it is gone).
    func touchedDigests() throws -> [(RowBinding.Row, String)] {
        try self.touched.map { row in
            (row, try self.written[row] ?? RowBinding.digest(of: row, in: self.db) ?? "deleted")
        }
    }

    // MARK: Documents

    func document(_ key: DocumentKey) throws -> StoredDocument? {
        let columns = self.remembersRows ? "sequence, \(Self.digestedColumns)" : Self.readColumns
        let row = try self.fetchOne(
            sql: "SELECT \(columns) FROM document WHERE authority = ? AND number = ?",
            arguments: [key.authority, key.number]
        )
        if self.remembersRows {
            self.knownRows[key] = row.map { ($0["sequence"], Array($0.databaseValues.dropFirst())) }
        }
        return try row.map(self.document(from:))
    }

    func documents(_ query: DocumentQuery) throws -> [StoredDocument] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let party = query.visibleTo {
            conditions.append("(authority = ? OR counterpart = ? OR recorder = ?)")
            _ = arguments.append(contentsOf: [party, party, party])
        } else {
            conditions.append("status <> 'draft'")
        }
        if let kind = query.kind {
            conditions.append("kind = ?")
            _ = arguments.append(contentsOf: [kind.rawValue])
        }
        if let country = query.country {
            conditions.append("(issuing_country = ? OR counterpart_country = ?)")
            _ = arguments.append(contentsOf: [country, country])
        }
        if let authority = query.authority {
            conditions.append("authority = ?")
            _ = arguments.append(contentsOf: [authority])
        }
        if let substance = query.substance {
            conditions.append("instr(substances, ?) > 0")
            _ = arguments.append(contentsOf: [",\(substance),"])
        }
        if let statuses = query.statuses {
            conditions.append("status IN (\(statuses.map { _ in "?" }.joined(separator: ",")))")
            _ = arguments.append(contentsOf: StatementArguments(statuses.sorted()))
        }
        if let from = query.issuedFrom {
            conditions.append("issued_on >= ?")
            _ = arguments.append(contentsOf: [from.description])
        }
        if let to = query.issuedTo {
            conditions.append("issued_on <= ?")
            _ = arguments.append(contentsOf: [to.description])
        }
        if let day = query.periodEndedBefore {
            conditions.append("period_last < ?")
            _ = arguments.append(contentsOf: [day.description])
        }
        if let notice = query.withoutNotice {
            conditions.append("NOT EXISTS (SELECT 1 FROM json_each(state, '$.annotations.notices') WHERE value = ?)")
            _ = arguments.append(contentsOf: [notice])
        }
        if let before = query.before {
            conditions.append("sequence < ?")
            _ = arguments.append(contentsOf: [before])
        }
        _ = arguments.append(contentsOf: [query.limit])
        let sql = """
            SELECT \(Self.readColumns) FROM document
            WHERE \(conditions.joined(separator: " AND ")) ORDER BY sequence DESC LIMIT ?
            """
        return try self.fetchAll(sql: sql, arguments: arguments).map(self.document(from:))
    }

    func exportAuthorizations(citing key: DocumentKey) throws -> [StoredDocument] {
        try self.fetchAll(
            sql: """
                SELECT \(Self.readColumns) FROM document
                WHERE cited_authority = ? AND cited_number = ? ORDER BY sequence
                """,
            arguments: [key.authority, key.number]
        ).map(self.document(from:))
    }

    func insert(_ document: StoredDocument) throws -> StoredDocument {
        let values = try self.columns(of: document)
        do {
            try self.db.run(
                """
                INSERT INTO document (authority, number, kind, status, issuing_country, counterpart_country,
                    counterpart, recorder, cited_authority, cited_number, issued_on, period_last, substances,
                    state, content, seal)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                values
            )
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            throw ExchangeError.duplicateNumber(document.key)
        }
        var stored = document
        stored.sequence = self.db.lastInsertedRowID
        self.touchDocument(document.key, sequence: stored.sequence, values: values)
        return stored
    }

    func update(_ document: StoredDocument) throws {
        let key = document.key
        let values = try self.columns(of: document)
        let known = self.knownRows[key]
        var sequence = known?.sequence
        let changed =
            known.map { known in values.indices.filter { values[$0] != known.values[$0] } } ?? Array(values.indices)
        if !changed.isEmpty {  // always, for a row not known
            let assignments = changed.map { "\(Self.documentColumns[$0]) = ?" }.joined(separator: ", ")
            sequence = try Int64.fetchOne(
                self.db.cachedStatement(
                    sql: "UPDATE document SET \(assignments) WHERE authority = ? AND number = ? RETURNING sequence"
                ),
                arguments: StatementArguments(
                    changed.map { values[$0] } + [key.authority.databaseValue, key.number.databaseValue]
                )
            )
        }
        guard let sequence else { throw ExchangeError.notFound("document \(key)") }
        self.touchDocument(key, sequence: sequence, values: values)
    }

    /// Notes a document row this write left holding `values`: its digest comes from them.
    private func touchDocument(_ key: DocumentKey, sequence: Int64, values: [DatabaseValue]) {
        if self.remembersRows { self.knownRows[key] = (sequence, values) }
        self.touch(
            "document",
            [key.authority, key.number],
            digest: RowBinding.digest(table: "document", values: [sequence.databaseValue] + values)
        )
    }

    func deleteDraft(_ key: DocumentKey) throws {
        try self.execute(
            sql: "DELETE FROM document WHERE authority = ? AND number = ? AND status = 'draft'",
            arguments: [key.authority, key.number]
        )
        guard self.db.changesCount == 1 else { throw ExchangeError.notFound("draft \(key)") }
        self.knownRows[key] = nil
        self.touch("document", [key.authority, key.number])
    }

    func history(_ key: DocumentKey) throws -> [HistoryEntry] {
        try self.fetchAll(
            sql: """
                SELECT at, action, status, by_authority, detail FROM document_history
                WHERE authority = ? AND number = ? ORDER BY position
                """,
            arguments: [key.authority, key.number]
        ).map {
            HistoryEntry(
                at: $0["at"],
                action: $0["action"],
                status: $0["status"],
                authority: $0["by_authority"],
                detail: $0["detail"]
            )
        }
    }

    func appendHistory(_ key: DocumentKey, _ entry: HistoryEntry) throws {
        let position =
            try Int64.fetchOne(
                self.db.cachedStatement(
                    sql: "SELECT count(*) FROM document_history WHERE authority = ? AND number = ?"
                ),
                arguments: [key.authority, key.number]
            ) ?? 0
        let values: [DatabaseValue] = [
            key.authority.databaseValue, key.number.databaseValue, position.databaseValue, entry.at.databaseValue,
            entry.action.databaseValue, entry.status.databaseValue, entry.authority.databaseValue,
            entry.detail.databaseValue,
        ]
        try self.db.run(
            """
            INSERT INTO document_history (authority, number, position, at, action, status, by_authority, detail)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            values
        )
        self.touch(
            "document_history",
            Array(values.prefix(3)),
            digest: RowBinding.digest(table: "document_history", values: values)
        )
    }

    // MARK: Balances

    func usage(_ key: UsageKey) throws -> Usage {
        try self.fetchOne(
            sql: "SELECT authorized_not_used, imported FROM usage WHERE country = ? AND substance = ? AND year = ?",
            arguments: [key.country, key.substance, key.year]
        ).map { Usage(authorizedNotUsed: $0["authorized_not_used"], imported: $0["imported"]) } ?? .zero
    }

    func usages(country: String?, year: Int?) throws -> [UsageKey: Usage] {
        let rows = try self.fetchAll(
            sql: """
                SELECT * FROM usage WHERE (?1 IS NULL OR country = ?1) AND (?2 IS NULL OR year = ?2)
                """,
            arguments: [country, year]
        )
        var usages: [UsageKey: Usage] = [:]
        for row in rows {
            usages[UsageKey(country: row["country"], substance: row["substance"], year: row["year"])] = Usage(
                authorizedNotUsed: row["authorized_not_used"],
                imported: row["imported"]
            )
        }
        return usages
    }

    func adjustUsage(_ key: UsageKey, by delta: Usage) throws {
        // Update first: a negative delta is a valid change to an existing total, never a valid row.
        let name: [any DatabaseValueConvertible] = [key.country, key.substance, key.year]
        let updated = try self.writeRow(
            "usage",
            name,
            sql: """
                UPDATE usage SET authorized_not_used = authorized_not_used + ?, imported = imported + ?
                WHERE country = ? AND substance = ? AND year = ? RETURNING *
                """,
            arguments: [delta.authorizedNotUsed, delta.imported, key.country, key.substance, key.year]
        )
        guard updated == nil else { return }
        try self.writeRow(
            "usage",
            name,
            sql: """
                INSERT INTO usage (country, substance, year, authorized_not_used, imported) VALUES (?, ?, ?, ?, ?)
                RETURNING *
                """,
            arguments: [key.country, key.substance, key.year, delta.authorizedNotUsed, delta.imported]
        )
    }

    func allowance(_ key: UsageKey) throws -> Allowance? {
        try self.fetchOne(
            sql: "SELECT * FROM allowance WHERE country = ? AND substance = ? AND year = ?",
            arguments: [key.country, key.substance, key.year]
        ).map(Self.allowance(from:))
    }

    func allowances(country: String?) throws -> [Allowance] {
        try self.fetchAll(
            sql: "SELECT * FROM allowance WHERE ?1 IS NULL OR country = ?1 ORDER BY country, substance, year",
            arguments: [country]
        ).map(Self.allowance(from:))
    }

    func put(_ allowance: Allowance) throws {
        try self.execute(
            sql:
                "INSERT OR REPLACE INTO allowance (country, substance, year, initial, supplementary) VALUES (?, ?, ?, ?, ?)",
            arguments: [
                allowance.country, allowance.substance, allowance.year, allowance.initial.milligrams,
                try Self.json(allowance.supplementary.map(\.milligrams)),
            ]
        )
        self.touch("allowance", [allowance.country, allowance.substance, allowance.year])
    }

    // MARK: Statements, prepared once per connection

    func execute(sql: String, arguments: StatementArguments = []) throws {
        try self.db.cachedStatement(sql: sql).execute(arguments: arguments)
    }

    /// Writes one row of `table`, named by `key`, and binds it with the values the statement left
    /// in it — `sql` ends with `RETURNING *`, which gives them in the table's column order — so it
    /// need not be read back. Returns the row, or nil when the statement changed none.
    @discardableResult
    func writeRow(
        _ table: String,
        _ key: [any DatabaseValueConvertible],
        sql: String,
        arguments: StatementArguments
    ) throws -> Row? {
        guard let row = try self.fetchOne(sql: sql, arguments: arguments) else { return nil }
        self.touch(table, key, digest: RowBinding.digest(table: table, values: Array(row.databaseValues)))
        return row
    }

    func fetchOne(sql: String, arguments: StatementArguments = []) throws -> Row? {
        try Row.fetchOne(try self.db.cachedStatement(sql: sql), arguments: arguments)
    }

    func fetchAll(sql: String, arguments: StatementArguments = []) throws -> [Row] {
        try Row.fetchAll(try self.db.cachedStatement(sql: sql), arguments: arguments)
    }

    // MARK: Rows

    /// The columns a document is read from.
    static let readColumns = "sequence, authority, number, state, content, seal"

    /// The columns of a document row, in the order the digest covers them (all but `sequence`).
    static let documentColumns = [
        "authority", "number", "kind", "status", "issuing_country", "counterpart_country", "counterpart", "recorder",
        "cited_authority", "cited_number", "issued_on", "period_last", "substances", "state", "content", "seal",
    ]
    static let digestedColumns = SQLiteLedger.documentColumns.joined(separator: ", ")

    /// SHA-256 over every column of a document row but its sequence: each text column (NULL
    /// as a distinct marker) then the content and seal, each followed by a zero byte.
    static func rowDigest(texts: [String?], content: Data, seal: Data) -> String {
        var hasher = SHA256()
        for text in texts {
            if let text { hasher.update(utf8: text) } else { hasher.update(byte: 0xff) }
            hasher.update(byte: 0)
        }
        hasher.update(data: content)
        hasher.update(byte: 0)
        hasher.update(data: seal)
        return hasher.finalize().withUnsafeBytes { $0.lowercaseHex }
    }

    /// The digest of a stored row, as `audit verify` recomputes it; nil when there is none.
    static func rowDigest(_ db: Database, _ key: DocumentKey) throws -> String? {
        try Row.fetchOne(
            db,
            sql: "SELECT \(Self.digestedColumns) FROM document WHERE authority = ? AND number = ?",
            arguments: [key.authority, key.number]
        ).map { row in
            Self.rowDigest(texts: (0..<14).map { row[$0] as String? }, content: row[14], seal: row[15])
        }
    }

    /// The row's column values but its sequence, in the table's order.
    func columns(of document: StoredDocument) throws -> [DatabaseValue] {
        let cited = document.citedKey
        let substances = "," + Set(document.body.lines.map(\.substance)).sorted().joined(separator: ",") + ","
        let state = try self.codec.encode(document.body, document.annotations)
        let texts: [String?] = [
            document.key.authority, document.key.number, document.kind.rawValue, document.body.status,
            document.issuingCountry, document.counterpartCountry, document.annotations.counterpartAuthority,
            document.annotations.recordedBy, cited?.authority, cited?.number,
            document.annotations.issuedOn?.description, document.body.period.last.description, substances, state,
        ]
        return texts.map(\.databaseValue) + [document.content.databaseValue, document.seal.databaseValue]
    }

    /// A document from a row of ``readColumns``.
    func document(from row: Row) throws -> StoredDocument {
        let (body, annotations) = try self.codec.decode(
            row["state"],
            of: DocumentKey(authority: row["authority"], number: row["number"])
        )
        var document = StoredDocument(body: body, content: row["content"], seal: row["seal"], annotations: annotations)
        document.sequence = row["sequence"]
        return document
    }

    static func allowance(from row: Row) throws -> Allowance {
        Allowance(
            country: row["country"],
            substance: row["substance"],
            year: row["year"],
            initial: Quantity(milligrams: row["initial"]),
            supplementary: try Self.integers(row["supplementary"]).map(Quantity.init(milligrams:))
        )
    }

    static func trader(from row: Row) -> RegisteredTrader {
        RegisteredTrader(
            id: row["id"],
            authority: row["authority"],
            trader: Trader(name: row["name"], address: row["address"], country: row["country"])
        )
    }

    static func json(_ value: some Encodable) throws -> String {
        try CompactJSON.encode(value)
    }

    static func decode<Value: Decodable>(_ type: Value.Type, _ text: String) throws -> Value {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    /// A JSON array of integers, as the store writes one (`[1,2]`), read without a JSONDecoder:
    /// an allowance's supplementary figures are read on every EA issue. Any other spelling is
    /// left to JSONDecoder, so that what it accepts and refuses is unchanged.
    static func integers(_ text: String) throws -> [Int64] {
        let inner = text.utf8.dropFirst().dropLast()
        guard text.utf8.first == UInt8(ascii: "["), text.utf8.last == UInt8(ascii: "]"), text.utf8.count >= 2 else {
            return try Self.decode([Int64].self, text)
        }
        if inner.isEmpty { return [] }
        var values: [Int64] = []
        for part in inner.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false) {
            let digits = part.first == UInt8(ascii: "-") ? part.dropFirst() : part
            // JSON spells no "+" and no leading zero; Int64(_:) would take both.
            guard digits.first != UInt8(ascii: "+"), digits.first != UInt8(ascii: "0") || digits.count == 1,
                let value = Int64(Substring(part))
            else { return try Self.decode([Int64].self, text) }
            values.append(value)
        }
        return values
    }
}
