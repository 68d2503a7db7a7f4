import Foundation
import LicitModel
import LicitStorage
import PostgresNIO

/// A complete run's changes, applied as SQL in the order the effect made them. The run already
/// checked them against the rows it read under the write lock; the constraints are a backstop.
extension PostgresSession {
    func apply(_ change: LedgerChange, _ head: inout Head) async throws {
        switch change {
        case .insert(let document):
            head.documentSequence += 1
            try await self.insert(document, sequence: head.documentSequence)
        case .update(let document):
            try await self.update(document)
        case .deleteDraft(let key):
            try await self.execute(
                "DELETE FROM document WHERE authority = \(key.authority) AND number = \(key.number) AND status = 'draft'"
            )
        case .appendHistory(let key, let entry):
            try await self.execute(
                """
                INSERT INTO document_history (authority, number, position, at, action, status, by_authority, detail)
                SELECT \(key.authority), \(key.number), coalesce(max(position), 0) + 1, \(entry.at), \(entry.action),
                    \(entry.status), \(entry.authority), \(entry.detail)
                FROM document_history WHERE authority = \(key.authority) AND number = \(key.number)
                """
            )
        case .adjustUsage(let key, let delta):
            // The row first (a delta may be negative: only the total must not be).
            try await self.execute(
                """
                INSERT INTO usage (country, substance, year, authorized_not_used, imported)
                VALUES (\(key.country), \(key.substance), \(key.year), 0, 0) ON CONFLICT DO NOTHING
                """
            )
            try await self.execute(
                """
                UPDATE usage SET authorized_not_used = authorized_not_used + \(delta.authorizedNotUsed),
                    imported = imported + \(delta.imported)
                WHERE country = \(key.country) AND substance = \(key.substance) AND year = \(key.year)
                """
            )
        case .appendEvent(let event):
            head.eventSequence += 1
            try await self.execute(
                """
                INSERT INTO inbox_event (sequence, recipient, kind, document_authority, document_number, document_kind,
                    at, status, summary, subject)
                VALUES (\(head.eventSequence), \(event.recipient), \(event.kind), \(event.document.authority),
                    \(event.document.number), \(event.documentKind?.rawValue ?? ""), \(event.at), \(event.status),
                    \(event.summary), \(event.subject))
                """
            )
        case .setCursor(let recipient, let sequence):
            try await self.execute(
                """
                INSERT INTO inbox_cursor (recipient, acknowledged) VALUES (\(recipient), \(Int64(clamping: sequence)))
                ON CONFLICT (recipient) DO UPDATE SET acknowledged = excluded.acknowledged
                """
            )
        case .country(let country):
            let names = try Self.json(country.names)
            try await self.execute(
                """
                INSERT INTO country (code, name, participating, names)
                VALUES (\(country.code), \(country.name), \(country.participating), \(names)::jsonb)
                ON CONFLICT (code) DO UPDATE SET
                    name = excluded.name, participating = excluded.participating, names = excluded.names
                """
            )
        case .authority(let authority):
            let conventions = try Self.json(authority.conventions.sorted { $0.rawValue < $1.rawValue })
            try await self.execute(
                """
                INSERT INTO authority (code, country, name, conventions, address)
                VALUES (\(authority.code), \(authority.country), \(authority.name), \(conventions)::jsonb,
                    \(authority.address))
                ON CONFLICT (code) DO UPDATE SET
                    country = excluded.country, name = excluded.name, conventions = excluded.conventions,
                    address = excluded.address
                """
            )
        case .substance(let substance):
            let body = try Self.json(substance)
            try await self.execute(
                """
                INSERT INTO substance (code, body) VALUES (\(substance.code), \(body)::jsonb)
                ON CONFLICT (code) DO UPDATE SET body = excluded.body
                """
            )
        case .allowance(let allowance):
            let supplementary = try Self.json(allowance.supplementary.map(\.milligrams))
            try await self.execute(
                """
                INSERT INTO allowance (country, substance, year, initial, supplementary)
                VALUES (\(allowance.country), \(allowance.substance), \(allowance.year),
                    \(allowance.initial.milligrams), \(supplementary)::jsonb)
                ON CONFLICT (country, substance, year) DO UPDATE SET
                    initial = excluded.initial, supplementary = excluded.supplementary
                """
            )
        case .prohibition(let prohibition):
            try await self.execute(
                """
                INSERT INTO prohibition (country, substance) VALUES (\(prohibition.country), \(prohibition.substance))
                ON CONFLICT DO NOTHING
                """
            )
        case .trader(let registered):
            let trader = registered.trader
            try await self.execute(
                """
                INSERT INTO trader (id, authority, name, address, country)
                VALUES (\(registered.id), \(registered.authority), \(trader.name), \(trader.address), \(trader.country))
                ON CONFLICT (id) DO UPDATE SET authority = excluded.authority, name = excluded.name,
                    address = excluded.address, country = excluded.country
                """
            )
        case .estimateRequest(let request):
            let body = try Self.json(request)
            try await self.execute(
                """
                INSERT INTO estimate_request (id, country, body) VALUES (\(request.id), \(request.country), \(body)::jsonb)
                ON CONFLICT (id) DO UPDATE SET body = excluded.body
                """
            )
        case .notificationTarget(let target):
            let body = try Self.json(target)
            try await self.execute(
                """
                INSERT INTO notification_target (id, recipient, body)
                VALUES (\(target.id), \(target.recipient), \(body)::jsonb)
                ON CONFLICT (id) DO UPDATE SET body = excluded.body
                """
            )
        case .returnFiling(let filing):
            let body = try Self.json(filing)
            try await self.execute(
                """
                INSERT INTO return_filing (id, country, body) VALUES (\(filing.id), \(filing.country), \(body)::jsonb)
                ON CONFLICT (id) DO UPDATE SET body = excluded.body
                """
            )
        case .annualEstimate(let estimate):
            let body = try Self.json(estimate)
            try await self.execute(
                """
                INSERT INTO annual_estimate (id, country, year, body)
                VALUES (\(estimate.id), \(estimate.country), \(estimate.year), \(body)::jsonb)
                ON CONFLICT (id) DO UPDATE SET body = excluded.body
                """
            )
        case .attachment(let attachment):
            try await self.execute(
                """
                INSERT INTO attachment (sha256, media_type, bytes)
                VALUES (\(attachment.sha256), \(attachment.mediaType), \(attachment.bytes))
                ON CONFLICT DO NOTHING
                """
            )
        case .sandboxClock(let setting):
            try await self.execute(
                """
                INSERT INTO sandbox_clock (id, exchange_ms, real_ms, rate)
                VALUES (1, \(setting.exchangeMilliseconds), \(setting.realMilliseconds), \(setting.rate))
                ON CONFLICT (id) DO UPDATE SET exchange_ms = excluded.exchange_ms, real_ms = excluded.real_ms,
                    rate = excluded.rate
                """
            )
        }
    }

    private func execute(_ query: PostgresQuery) async throws {
        try await self.connection.query(query, logger: self.logger)
    }

    private func insert(_ document: StoredDocument, sequence: Int64) async throws {
        let row = try DocumentRow(document)
        try await self.execute(
            """
            INSERT INTO document (sequence, authority, number, kind, status, issuing_country, counterpart_country,
                counterpart, recorder, cited_authority, cited_number, issued_on, period_last, substances, state,
                content, seal)
            VALUES (\(sequence), \(row.authority), \(row.number), \(row.kind), \(row.status), \(row.issuingCountry),
                \(row.counterpartCountry), \(row.counterpart), \(row.recorder), \(row.citedAuthority),
                \(row.citedNumber), \(row.issuedOn), \(row.periodLast), \(row.substances), \(row.state)::jsonb,
                \(row.content), \(row.seal))
            """
        )
    }

    private func update(_ document: StoredDocument) async throws {
        let row = try DocumentRow(document)
        try await self.execute(
            """
            UPDATE document SET kind = \(row.kind), status = \(row.status), issuing_country = \(row.issuingCountry),
                counterpart_country = \(row.counterpartCountry), counterpart = \(row.counterpart),
                recorder = \(row.recorder), cited_authority = \(row.citedAuthority), cited_number = \(row.citedNumber),
                issued_on = \(row.issuedOn), period_last = \(row.periodLast), substances = \(row.substances),
                state = \(row.state)::jsonb, content = \(row.content), seal = \(row.seal)
            WHERE authority = \(row.authority) AND number = \(row.number)
            """
        )
    }
}

/// A document's columns.
private struct DocumentRow {
    let authority: String
    let number: String
    let kind: String
    let status: String
    let issuingCountry: String
    let counterpartCountry: String
    let counterpart: String
    let recorder: String
    let citedAuthority: String?
    let citedNumber: String?
    let issuedOn: String?
    let periodLast: String
    let substances: [String]
    let state: String
    let content: Data
    let seal: Data

    init(_ document: StoredDocument) throws {
        self.authority = document.key.authority
        self.number = document.key.number
        self.kind = document.kind.rawValue
        self.status = document.body.status
        self.issuingCountry = document.issuingCountry
        self.counterpartCountry = document.counterpartCountry
        self.counterpart = document.annotations.counterpartAuthority
        self.recorder = document.annotations.recordedBy
        self.citedAuthority = document.citedKey?.authority
        self.citedNumber = document.citedKey?.number
        self.issuedOn = document.annotations.issuedOn?.description
        self.periodLast = document.body.period.last.description
        self.substances = Set(document.body.lines.map(\.substance)).sorted()
        self.state = try PostgresSession.stateJSON(document)
        self.content = document.content
        self.seal = document.seal
    }
}
