import Foundation
import GRDB
import LicitModel
import LicitStorage

/// Reference data and inboxes: small tables, one row per entry.
extension SQLiteLedger {
    func countries() throws -> [Country] {
        try self.fetchAll(sql: "SELECT * FROM country ORDER BY code").map {
            Country(
                code: $0["code"],
                name: $0["name"],
                participating: $0["participating"],
                names: try Self.decode([String: String].self, $0["names"])
            )
        }
    }

    func put(_ country: Country) throws {
        try self.execute(
            sql: """
                INSERT INTO country (code, name, participating, names) VALUES (?, ?, ?, ?)
                ON CONFLICT (code) DO UPDATE SET
                    name = excluded.name, participating = excluded.participating, names = excluded.names
                """,
            arguments: [country.code, country.name, country.participating, try Self.json(country.names)]
        )
        self.touch("country", [country.code])
    }

    func authorities() throws -> [Authority] {
        try self.fetchAll(sql: "SELECT * FROM authority ORDER BY code").map {
            Authority(
                code: $0["code"],
                country: $0["country"],
                name: $0["name"],
                conventions: Set(try Self.decode([Convention].self, $0["conventions"])),
                address: $0["address"]
            )
        }
    }

    func put(_ authority: Authority) throws {
        try self.execute(
            sql: """
                INSERT INTO authority (code, country, name, conventions, address) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (code) DO UPDATE SET
                    country = excluded.country, name = excluded.name, conventions = excluded.conventions,
                    address = excluded.address
                """,
            arguments: [
                authority.code, authority.country, authority.name,
                try Self.json(authority.conventions.sorted { $0.rawValue < $1.rawValue }), authority.address,
            ]
        )
        self.touch("authority", [authority.code])
    }

    func substances() throws -> [Substance] {
        try String.fetchAll(try self.db.cachedStatement(sql: "SELECT body FROM substance ORDER BY code")).map {
            try Self.decode(Substance.self, $0)
        }
    }

    func put(_ substance: Substance) throws {
        try self.execute(
            sql: "INSERT OR REPLACE INTO substance (code, body) VALUES (?, ?)",
            arguments: [substance.code, try Self.json(substance)]
        )
        self.touch("substance", [substance.code])
    }

    func prohibitions() throws -> [Prohibition] {
        try self.fetchAll(sql: "SELECT * FROM prohibition ORDER BY country, substance").map {
            Prohibition(country: $0["country"], substance: $0["substance"])
        }
    }

    func put(_ prohibition: Prohibition) throws {
        try self.execute(
            sql: "INSERT OR IGNORE INTO prohibition (country, substance) VALUES (?, ?)",
            arguments: [prohibition.country, prohibition.substance]
        )
        self.touch("prohibition", [prohibition.country, prohibition.substance])
    }

    func traders(authority: String?) throws -> [RegisteredTrader] {
        try self.fetchAll(
            sql: "SELECT * FROM trader WHERE ?1 IS NULL OR authority = ?1 ORDER BY id",
            arguments: [authority]
        ).map(Self.trader(from:))
    }

    func trader(id: String) throws -> RegisteredTrader? {
        try self.fetchOne(sql: "SELECT * FROM trader WHERE id = ?", arguments: [id]).map(Self.trader(from:))
    }

    func put(_ trader: RegisteredTrader) throws {
        try self.execute(
            sql: "INSERT OR REPLACE INTO trader (id, authority, name, address, country) VALUES (?, ?, ?, ?, ?)",
            arguments: [trader.id, trader.authority, trader.trader.name, trader.trader.address, trader.trader.country]
        )
        self.touch("trader", [trader.id])
    }

    func notificationTargets(recipient: String?) throws -> [NotificationTarget] {
        try String.fetchAll(
            try self.db.cachedStatement(
                sql: "SELECT body FROM notification_target WHERE ?1 IS NULL OR recipient = ?1 ORDER BY id"
            ),
            arguments: [recipient]
        ).map { try Self.decode(NotificationTarget.self, $0) }
    }

    func put(_ target: NotificationTarget) throws {
        try self.execute(
            sql: "INSERT OR REPLACE INTO notification_target (id, recipient, body) VALUES (?, ?, ?)",
            arguments: [target.id, target.recipient, try Self.json(target)]
        )
        self.touch("notification_target", [target.id])
    }

    func returnFilings(country: String?) throws -> [ReturnFiling] {
        try String.fetchAll(
            try self.db.cachedStatement(
                sql: "SELECT body FROM return_filing WHERE ?1 IS NULL OR country = ?1 ORDER BY id"
            ),
            arguments: [country]
        ).map { try Self.decode(ReturnFiling.self, $0) }
    }

    func put(_ filing: ReturnFiling) throws {
        try self.execute(
            sql: "INSERT OR REPLACE INTO return_filing (id, country, body) VALUES (?, ?, ?)",
            arguments: [filing.id, filing.country, try Self.json(filing)]
        )
        self.touch("return_filing", [filing.id])
    }

    func annualEstimates(country: String?, year: Int?) throws -> [AnnualEstimate] {
        try String.fetchAll(
            try self.db.cachedStatement(
                sql: """
                    SELECT body FROM annual_estimate WHERE (?1 IS NULL OR country = ?1) AND (?2 IS NULL OR year = ?2)
                    ORDER BY id
                    """
            ),
            arguments: [country, year]
        ).map { try Self.decode(AnnualEstimate.self, $0) }
    }

    func put(_ estimate: AnnualEstimate) throws {
        try self.execute(
            sql: "INSERT OR REPLACE INTO annual_estimate (id, country, year, body) VALUES (?, ?, ?, ?)",
            arguments: [estimate.id, estimate.country, estimate.year, try Self.json(estimate)]
        )
        self.touch("annual_estimate", [estimate.id])
    }

    func estimateRequests(country: String?) throws -> [EstimateRequest] {
        try String.fetchAll(
            try self.db.cachedStatement(
                sql: "SELECT body FROM estimate_request WHERE ?1 IS NULL OR country = ?1 ORDER BY id"
            ),
            arguments: [country]
        ).map { try Self.decode(EstimateRequest.self, $0) }
    }

    func put(_ request: EstimateRequest) throws {
        try self.execute(
            sql: "INSERT OR REPLACE INTO estimate_request (id, country, body) VALUES (?, ?, ?)",
            arguments: [request.id, request.country, try Self.json(request)]
        )
        self.touch("estimate_request", [request.id])
    }

    func attachment(sha256: String) throws -> Attachment? {
        try self.fetchOne(sql: "SELECT * FROM attachment WHERE sha256 = ?", arguments: [sha256]).map {
            Attachment(sha256: $0["sha256"], mediaType: $0["media_type"], bytes: $0["bytes"])
        }
    }

    func put(_ attachment: Attachment) throws {
        try self.execute(
            sql: "INSERT OR IGNORE INTO attachment (sha256, media_type, bytes) VALUES (?, ?, ?)",
            arguments: [attachment.sha256, attachment.mediaType, attachment.bytes]
        )
        self.touch("attachment", [attachment.sha256])
    }

    // MARK: Inboxes

    func events(recipient: String, after sequence: UInt64, limit: Int) throws -> [InboxEntry] {
        try self.fetchAll(
            sql: "SELECT * FROM inbox_event WHERE recipient = ? AND sequence > ? ORDER BY sequence LIMIT ?",
            arguments: [recipient, Int64(sequence), limit]
        ).map {
            InboxEntry(
                sequence: UInt64($0["sequence"] as Int64),
                recipient: $0["recipient"],
                kind: $0["kind"],
                document: DocumentKey(authority: $0["document_authority"], number: $0["document_number"]),
                documentKind: DocumentKind(rawValue: $0["document_kind"]),
                subject: $0["subject"],
                at: $0["at"],
                status: $0["status"],
                summary: $0["summary"]
            )
        }
    }

    func appendEvent(_ event: InboxEntry) throws -> UInt64 {
        // Every column but the sequence, in the table's order: the row is bound from them.
        let values: [DatabaseValue] = [
            event.recipient.databaseValue, event.kind.databaseValue, event.document.authority.databaseValue,
            event.document.number.databaseValue, (event.documentKind?.rawValue ?? "").databaseValue,
            event.at.databaseValue, event.status.databaseValue, event.summary.databaseValue,
            event.subject.databaseValue,
        ]
        try self.db.run(
            """
            INSERT INTO inbox_event (recipient, kind, document_authority, document_number, document_kind, at,
                status, summary, subject)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            values
        )
        let sequence = self.db.lastInsertedRowID
        self.touch(
            "inbox_event",
            [sequence],
            digest: RowBinding.digest(table: "inbox_event", values: [sequence.databaseValue] + values)
        )
        var appended = event
        appended.sequence = UInt64(sequence)
        self.appendedEvents.append(appended)
        return appended.sequence
    }

    func cursor(recipient: String) throws -> UInt64 {
        UInt64(
            try Int64.fetchOne(
                try self.db.cachedStatement(sql: "SELECT acknowledged FROM inbox_cursor WHERE recipient = ?"),
                arguments: [recipient]
            ) ?? 0
        )
    }

    func setCursor(recipient: String, to sequence: UInt64) throws {
        try self.execute(
            sql: """
                INSERT INTO inbox_cursor (recipient, acknowledged) VALUES (?, ?)
                ON CONFLICT (recipient) DO UPDATE SET acknowledged = excluded.acknowledged
                """,
            arguments: [recipient, Int64(sequence)]
        )
        self.touch("inbox_cursor", [recipient])
    }

    // MARK: The exchange's clock

    func clockFloor() throws -> Int64 {
        try Int64.fetchOne(self.db.cachedStatement(sql: "SELECT clock_floor FROM audit_head WHERE id = 1")) ?? 0
    }

    func sandboxClock() throws -> SandboxClockSetting? {
        try self.fetchOne(sql: "SELECT * FROM sandbox_clock WHERE id = 1").map {
            SandboxClockSetting(
                exchangeMilliseconds: $0["exchange_ms"],
                realMilliseconds: $0["real_ms"],
                rate: $0["rate"]
            )
        }
    }

    func put(_ setting: SandboxClockSetting) throws {
        try self.execute(
            sql: "INSERT OR REPLACE INTO sandbox_clock (id, exchange_ms, real_ms, rate) VALUES (1, ?, ?, ?)",
            arguments: [setting.exchangeMilliseconds, setting.realMilliseconds, setting.rate]
        )
        self.touch("sandbox_clock", [1])
    }
}
