import Foundation
import LicitModel
import LicitStorage
import Logging
import PostgresNIO

/// One PostgreSQL transaction of a ``PostgresBackend``: the reads a staged effect missed, and the
/// changes of its complete run, as SQL. The same tables and rules as the embedded store.
struct PostgresSession: StagingSession {
    let connection: PostgresConnection
    let logger: Logger

    private func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        try await self.connection.query(query, logger: self.logger).collect()
    }

    private func run(_ query: PostgresQuery) async throws {
        try await self.connection.query(query, logger: self.logger)
    }

    // MARK: Reads

    func fetch(_ reads: Set<LedgerRead>) async throws -> [LedgerRead: LedgerRows] {
        var answers: [LedgerRead: LedgerRows] = [:]
        for read in reads { answers[read] = try await self.answer(read) }
        return answers
    }

    private func answer(_ read: LedgerRead) async throws -> LedgerRows {
        switch read {
        case .document(let key):
            return .documents(
                try await self.documents(where: "authority = \(key.authority) AND number = \(key.number)")
            )
        case .documents(let query):
            return .documents(try await self.documents(query))
        case .citing(let key):
            return .documents(
                try await self.documents(
                    where: "cited_authority = \(key.authority) AND cited_number = \(key.number) AND kind = 'ea'"
                )
            )
        case .history(let key):
            let rows = try await self.rows(
                """
                SELECT at, action, status, by_authority, detail FROM document_history
                WHERE authority = \(key.authority) AND number = \(key.number) ORDER BY position
                """
            )
            return .history(
                key,
                try rows.map {
                    let (at, action, status, authority, detail) = try $0.decode(
                        (Int64, String, String, String, String).self
                    )
                    return HistoryEntry(at: at, action: action, status: status, authority: authority, detail: detail)
                }
            )
        case .usage(let key):
            return .usages(
                [
                    key: try await self.usages(
                        "WHERE country = \(key.country) AND substance = \(key.substance) AND year = \(key.year)"
                    )[key] ?? .zero
                ]
            )
        case .usages(let country, let year):
            return .usages(
                try await self.usages(
                    "WHERE (\(country)::text IS NULL OR country = \(country)) AND (\(year)::int IS NULL OR year = \(year))"
                )
            )
        case .allowance(let key):
            return .allowances(
                try await self.allowances(
                    "WHERE country = \(key.country) AND substance = \(key.substance) AND year = \(key.year)"
                )
            )
        case .allowances(let country):
            return .allowances(try await self.allowances("WHERE \(country)::text IS NULL OR country = \(country)"))
        case .countries:
            return .countries(
                try await self.rows("SELECT code, name, participating, names::text FROM country ORDER BY code").map {
                    let (code, name, participating, names) = try $0.decode((String, String, Bool, String).self)
                    return Country(
                        code: code,
                        name: name,
                        participating: participating,
                        names: try Self.decode([String: String].self, names)
                    )
                }
            )
        case .authorities:
            return .authorities(
                try await self.rows(
                    "SELECT code, country, name, conventions::text, address FROM authority ORDER BY code"
                ).map {
                    let (code, country, name, conventions, address) = try $0.decode(
                        (String, String, String, String, String).self
                    )
                    return Authority(
                        code: code,
                        country: country,
                        name: name,
                        conventions: Set(try Self.decode([Convention].self, conventions)),
                        address: address
                    )
                }
            )
        case .substances:
            return .substances(
                try await self.rows("SELECT body::text FROM substance ORDER BY code").map {
                    try Self.decode(Substance.self, try $0.decode(String.self))
                }
            )
        case .prohibitions:
            return .prohibitions(
                try await self.rows("SELECT country, substance FROM prohibition ORDER BY country, substance").map {
                    let (country, substance) = try $0.decode((String, String).self)
                    return Prohibition(country: country, substance: substance)
                }
            )
        case .traders(let authority):
            return .traders(try await self.traders("WHERE \(authority)::text IS NULL OR authority = \(authority)"))
        case .trader(let id):
            return .traders(try await self.traders("WHERE id = \(id)"))
        case .notificationTargets(let recipient):
            return .notificationTargets(
                try await self.rows(
                    """
                    SELECT body::text FROM notification_target
                    WHERE \(recipient)::text IS NULL OR recipient = \(recipient) ORDER BY id
                    """
                ).map { try Self.decode(NotificationTarget.self, try $0.decode(String.self)) }
            )
        case .returnFilings(let country):
            return .returnFilings(
                try await self.rows(
                    "SELECT body::text FROM return_filing WHERE \(country)::text IS NULL OR country = \(country) ORDER BY id"
                ).map { try Self.decode(ReturnFiling.self, try $0.decode(String.self)) }
            )
        case .annualEstimates(let country, let year):
            let year = year.map(Int64.init)
            return .annualEstimates(
                try await self.rows(
                    """
                    SELECT body::text FROM annual_estimate
                    WHERE (\(country)::text IS NULL OR country = \(country)) AND (\(year)::bigint IS NULL OR year = \(year))
                    ORDER BY id
                    """
                ).map { try Self.decode(AnnualEstimate.self, try $0.decode(String.self)) }
            )
        case .estimateRequests(let country):
            return .estimateRequests(
                try await self.rows(
                    "SELECT body::text FROM estimate_request WHERE \(country)::text IS NULL OR country = \(country) ORDER BY id"
                ).map { try Self.decode(EstimateRequest.self, try $0.decode(String.self)) }
            )
        case .events(let recipient, let after, let limit):
            return .events(try await self.events(recipient: recipient, after: after, limit: limit))
        case .cursor(let recipient):
            let rows = try await self.rows("SELECT acknowledged FROM inbox_cursor WHERE recipient = \(recipient)")
            return .cursor(recipient, UInt64(try rows.first?.decode(Int64.self) ?? 0))
        case .attachment(let sha256):
            return .attachments(
                try await self.rows("SELECT media_type, bytes FROM attachment WHERE sha256 = \(sha256)").map {
                    let (mediaType, bytes) = try $0.decode((String, Data).self)
                    return Attachment(sha256: sha256, mediaType: mediaType, bytes: bytes)
                }
            )
        case .clockFloor:
            return .clockFloor(try await self.head().clockFloor)
        case .sandboxClock:
            let rows = try await self.rows("SELECT exchange_ms, real_ms, rate FROM sandbox_clock WHERE id = 1")
            return .sandboxClock(
                try rows.first.map {
                    let (exchange, real, rate) = try $0.decode((Int64, Int64, Double).self)
                    return SandboxClockSetting(exchangeMilliseconds: exchange, realMilliseconds: real, rate: rate)
                }
            )
        case .documentSequence:
            return .documentSequence(try await self.head().documentSequence)
        case .eventSequence:
            return .eventSequence(UInt64(try await self.head().eventSequence))
        }
    }

    static let documentColumns = "sequence, state::text, content, seal"

    private func documents(where condition: PostgresQuery) async throws -> [StoredDocument] {
        var query = PostgresQuery(unsafeSQL: "SELECT \(Self.documentColumns) FROM document WHERE ")
        query.sql += condition.sql
        query.binds = condition.binds
        return try await self.rows(query).map(Self.document)
    }

    /// The documents a query selects, by the rules ``DocumentQuery/matches(_:)`` states.
    private func documents(_ query: DocumentQuery) async throws -> [StoredDocument] {
        var conditions: [String] = []
        var binds = PostgresBindings()
        func bind(_ value: some PostgresEncodable) throws -> String {
            try binds.append(value)
            return "$\(binds.count)"
        }
        if let party = query.visibleTo {
            let party = try bind(party)
            conditions.append("(authority = \(party) OR counterpart = \(party) OR recorder = \(party))")
        } else {
            conditions.append("status <> 'draft'")
        }
        if let kind = query.kind { conditions.append("kind = \(try bind(kind.rawValue))") }
        if let country = query.country {
            let country = try bind(country)
            conditions.append("(issuing_country = \(country) OR counterpart_country = \(country))")
        }
        if let authority = query.authority { conditions.append("authority = \(try bind(authority))") }
        if let substance = query.substance { conditions.append("\(try bind(substance)) = ANY (substances)") }
        if let statuses = query.statuses { conditions.append("status = ANY (\(try bind(statuses.sorted())))") }
        if let from = query.issuedFrom { conditions.append("issued_on >= \(try bind(from.description))") }
        if let to = query.issuedTo { conditions.append("issued_on <= \(try bind(to.description))") }
        if let day = query.periodEndedBefore { conditions.append("period_last < \(try bind(day.description))") }
        if let notice = query.withoutNotice {
            conditions.append("NOT (coalesce(state->'annotations'->'notices', '[]'::jsonb) ? \(try bind(notice)))")
        }
        if let before = query.before { conditions.append("sequence < \(try bind(before))") }
        let limit = try bind(Int64(query.limit))
        let sql = """
            SELECT \(Self.documentColumns) FROM document WHERE \(conditions.joined(separator: " AND "))
            ORDER BY sequence DESC LIMIT \(limit)
            """
        return try await self.rows(PostgresQuery(unsafeSQL: sql, binds: binds)).map(Self.document)
    }

    private func usages(_ condition: PostgresQuery) async throws -> [UsageKey: Usage] {
        var query = PostgresQuery(
            unsafeSQL: "SELECT country, substance, year, authorized_not_used, imported FROM usage "
        )
        query.sql += condition.sql
        query.binds = condition.binds
        var usages: [UsageKey: Usage] = [:]
        for row in try await self.rows(query) {
            let (country, substance, year, authorized, imported) = try row.decode(
                (String, String, Int, Int64, Int64).self
            )
            usages[UsageKey(country: country, substance: substance, year: year)] = Usage(
                authorizedNotUsed: authorized,
                imported: imported
            )
        }
        return usages
    }

    private func allowances(_ condition: PostgresQuery) async throws -> [Allowance] {
        var query = PostgresQuery(
            unsafeSQL: "SELECT country, substance, year, initial, supplementary::text FROM allowance "
        )
        query.sql += condition.sql + " ORDER BY country, substance, year"
        query.binds = condition.binds
        return try await self.rows(query).map {
            let (country, substance, year, initial, supplementary) = try $0.decode(
                (String, String, Int, Int64, String).self
            )
            return Allowance(
                country: country,
                substance: substance,
                year: year,
                initial: Quantity(milligrams: initial),
                supplementary: try Self.decode([Int64].self, supplementary).map(Quantity.init(milligrams:))
            )
        }
    }

    private func traders(_ condition: PostgresQuery) async throws -> [RegisteredTrader] {
        var query = PostgresQuery(unsafeSQL: "SELECT id, authority, name, address, country FROM trader ")
        query.sql += condition.sql + " ORDER BY id"
        query.binds = condition.binds
        return try await self.rows(query).map {
            let (id, authority, name, address, country) = try $0.decode((String, String, String, String, String).self)
            return RegisteredTrader(
                id: id,
                authority: authority,
                trader: Trader(name: name, address: address, country: country)
            )
        }
    }

    func events(recipient: String, after sequence: UInt64, limit: Int) async throws -> [InboxEntry] {
        let rows = try await self.rows(
            """
            SELECT sequence, kind, document_authority, document_number, document_kind, subject, at, status, summary
            FROM inbox_event WHERE recipient = \(recipient) AND sequence > \(Int64(clamping: sequence))
            ORDER BY sequence LIMIT \(Int64(limit))
            """
        )
        return try rows.map {
            let (sequence, kind, authority, number, documentKind, subject, at, status, summary) = try $0.decode(
                (Int64, String, String, String, String, String, Int64, String, String).self
            )
            return InboxEntry(
                sequence: UInt64(sequence),
                recipient: recipient,
                kind: kind,
                document: DocumentKey(authority: authority, number: number),
                documentKind: DocumentKind(rawValue: documentKind),
                subject: subject,
                at: at,
                status: status,
                summary: summary
            )
        }
    }

    /// The one row of running state: the chain's head, the clock floor and the last sequences.
    struct Head {
        var auditSequence: Int64
        var auditHash: Data
        var clockFloor: Int64
        var documentSequence: Int64
        var eventSequence: Int64
    }

    func head() async throws -> Head {
        let rows = try await self.rows(
            """
            SELECT audit_sequence, audit_hash, clock_floor, document_sequence, event_sequence
            FROM ledger_head WHERE id = 1
            """
        )
        guard let row = rows.first else { throw PostgresStoreError.schemaMissing }
        let (sequence, hash, floor, documents, events) = try row.decode((Int64, Data, Int64, Int64, Int64).self)
        return Head(
            auditSequence: sequence,
            auditHash: hash,
            clockFloor: floor,
            documentSequence: documents,
            eventSequence: events
        )
    }

    // MARK: Writes

    func previousWrite(_ intent: WriteIntent) async throws -> (digest: Data, response: Data)? {
        let rows = try await self.rows(
            """
            SELECT payload_digest, response FROM request
            WHERE authority = \(intent.authority) AND request_id = \(intent.requestID)
            """
        )
        return try rows.first.map { try $0.decode((Data, Data).self) }
    }

    func commit(_ changes: [LedgerChange], of intent: WriteIntent, response: Data) async throws {
        var head = try await self.head()
        for change in changes { try await self.apply(change, &head) }
        try await self.run(
            """
            UPDATE ledger_head SET document_sequence = \(head.documentSequence), event_sequence = \(head.eventSequence)
            WHERE id = 1
            """
        )
        if changes.contains(where: { if case .appendEvent = $0 { true } else { false } }) {
            // Delivered to every daemon's listener when (and only if) the transaction commits.
            try await self.run("SELECT pg_notify(\(PostgresBackend.inboxChannel), '')")
        }
        try await self.run(
            """
            INSERT INTO request (authority, request_id, payload_digest, response)
            VALUES (\(intent.authority), \(intent.requestID), \(intent.payloadDigest), \(response))
            """
        )
    }

    func savepoint<Value: Sendable>(_ body: () async throws -> Value) async throws -> Value {
        try await self.run("SAVEPOINT write")
        let value: Value
        do {
            value = try await body()
        } catch {
            guard PostgresBackend.connectionGoesOn(after: error, self.connection) else {
                throw StagingSessionLost(error)
            }
            do {
                try await self.run("ROLLBACK TO SAVEPOINT write")
            } catch let failure {
                throw StagingSessionLost(failure)
            }
            throw error
        }
        try await self.run("RELEASE SAVEPOINT write")
        return value
    }

    func audit(_ intent: WriteIntent, outcome: String, detail: String) async throws {
        let head = try await self.head()
        var chain = AuditChain(sequence: UInt64(head.auditSequence), hash: head.auditHash)
        let record = chain.append(
            at: intent.at,
            actor: intent.actor,
            certificate: intent.certificate,
            action: intent.action,
            subject: intent.subject,
            outcome: outcome,
            detail: detail
        )
        let sequence = Int64(record.sequence)
        try await self.run(
            """
            INSERT INTO audit (sequence, at, actor, certificate, action, subject, outcome, detail, previous_hash, hash)
            VALUES (\(sequence), \(record.at), \(record.actor), \(record.certificate), \(record.action),
                \(record.subject), \(record.outcome), \(record.detail), \(record.previousHash), \(record.hash))
            """
        )
        try await self.run(
            """
            UPDATE ledger_head SET audit_sequence = \(sequence), audit_hash = \(record.hash),
                clock_floor = greatest(clock_floor, \(record.at))
            WHERE id = 1
            """
        )
    }

    // MARK: Rows

    private struct State: Codable {
        let body: DocumentBody
        let annotations: DocumentAnnotations
    }

    static func document(_ row: PostgresRow) throws -> StoredDocument {
        let (sequence, state, content, seal) = try row.decode((Int64, String, Data, Data).self)
        let decoded = try Self.decode(State.self, state)
        var document = StoredDocument(
            body: decoded.body,
            content: content,
            seal: seal,
            annotations: decoded.annotations
        )
        document.sequence = sequence
        return document
    }

    static func json(_ value: some Encodable) throws -> String {
        try CompactJSON.encode(value)
    }

    static func decode<Value: Decodable>(_ type: Value.Type, _ text: String) throws -> Value {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    static func stateJSON(_ document: StoredDocument) throws -> String {
        try Self.json(State(body: document.body, annotations: document.annotations))
    }
}
