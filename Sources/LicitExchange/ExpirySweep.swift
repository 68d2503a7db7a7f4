import Foundation
import LicitModel
import LicitStorage

/// Moves documents along as the exchange's clock passes their periods: IAs expire, EAs whose
/// period is over without an endorsement become overdue, and IAs about to expire are announced.
/// Each notice goes once. Run by the daemon every minute and whenever the sandbox clock moves.
public struct ExpirySweep: Sendable {
    public static let expiringSoonDays = 14
    static let batch = 500
    let exchange: Exchange

    public init(exchange: Exchange) { self.exchange = exchange }

    /// Sweeps until nothing is left to do; returns how many documents changed.
    @discardableResult
    public func run() async throws -> Int {
        var total = 0
        while true {
            let moment = self.exchange.moment
            // Most minutes nothing is due: look before writing (and auditing) anything.
            let probe = DocumentLedger.sweepQueries(on: moment.day, oversight: self.exchange.oversight).all.map {
                var query = $0
                query.limit = 1
                return query
            }
            let due = try await self.exchange.storage.read { reader in
                try probe.contains { try !reader.documents($0).isEmpty }
            }
            guard due else { return total }
            let intent = WriteIntent.byTheExchange(
                requestID: "sweep-\(UUID().uuidString)",
                action: "sweep",
                subject: moment.day.description,
                at: moment.milliseconds
            )
            let changed = try await self.exchange.storage.write(intent) { transaction in
                let ledger = DocumentLedger(
                    transaction,
                    account: DocumentLedger.exchangeAccount,
                    moment: moment,
                    exchange: self.exchange
                )
                return Data(String(try ledger.sweep()).utf8)
            }
            let count = Int(String(decoding: changed, as: UTF8.self)) ?? 0
            self.exchange.inbox.written()
            total += count
            if count < Self.batch { return total }
        }
    }
}

extension WriteIntent {
    /// A write of the exchange's own (a sweep, a checkpoint, a notification's progress), audited
    /// under its name.
    static func byTheExchange(
        requestID: String,
        payload: Data = Data(),
        action: String,
        subject: String,
        at milliseconds: Int64
    ) -> WriteIntent {
        WriteIntent(
            authority: DocumentLedger.exchangeActor,
            requestID: requestID,
            payload: payload,
            actor: DocumentLedger.exchangeActor,
            certificate: "",
            action: action,
            subject: subject,
            at: milliseconds
        )
    }
}

extension DocumentLedger {
    static let exchangeActor = "EXCHANGE"
    static let exchangeAccount = Account(
        name: exchangeActor,
        country: "",
        authority: exchangeActor,
        role: .boardAdmin,
        certificateFingerprint: ""
    )

    /// What a sweep looks for on `day`.
    struct SweepQueries {
        /// Documents whose period has ended while still open.
        var ended: DocumentQuery
        /// IAs ending within ``ExpirySweep/expiringSoonDays``, not yet announced.
        var endingSoon: DocumentQuery
        /// EAs whose endorsement is overdue long enough to tell the Board, not yet told.
        var boardOverdue: DocumentQuery

        var all: [DocumentQuery] { [self.ended, self.endingSoon, self.boardOverdue] }
    }

    static let boardOverdueNotice = "board_endorsement_overdue"

    static func sweepQueries(on day: Day, oversight: OversightSettings) -> SweepQueries {
        var ended = DocumentQuery(visibleTo: nil, limit: ExpirySweep.batch)
        ended.periodEndedBefore = day
        ended.statuses = ["issued", "partly_used"]
        var soon = DocumentQuery(visibleTo: nil, limit: ExpirySweep.batch)
        soon.kind = .importAuthorization
        soon.periodEndedBefore = day.adding(days: ExpirySweep.expiringSoonDays + 1)
        soon.statuses = ["issued", "partly_used"]
        soon.withoutNotice = "expiring_soon"
        var overdue = DocumentQuery(visibleTo: nil, limit: ExpirySweep.batch)
        overdue.kind = .exportAuthorization
        overdue.periodEndedBefore = day.adding(days: -oversight.overdueAlertDays)
        overdue.statuses = ["issued", "expired"]
        overdue.withoutNotice = Self.boardOverdueNotice
        return SweepQueries(ended: ended, endingSoon: soon, boardOverdue: overdue)
    }

    /// One batch of the sweep; returns how many documents it changed.
    func sweep() throws -> Int {
        let day = self.moment.day
        var changed = 0
        let queries = Self.sweepQueries(on: day, oversight: self.oversight)
        for document in try self.transaction.documents(queries.ended) {
            changed += 1
            switch document.body {
            case .importAuthorization:
                let expired = try self.changeImport(document.key) { ia in _ = ia.expireIfDue(on: day) }
                try self.history(expired, "expired")
                let issuer =
                    expired.annotations.recordedBy.isEmpty ? expired.key.authority : expired.annotations.recordedBy
                for recipient in Set([issuer, expired.annotations.counterpartAuthority]) {
                    try self.notify(
                        recipient,
                        "expired",
                        expired,
                        "the import period ended on \(expired.body.period.last)"
                    )
                }
            case .exportAuthorization(var ea):
                _ = ea.expireIfDue(on: day)
                var expired = document
                expired.body = .exportAuthorization(ea)
                expired.annotations.notices.insert("endorsement_overdue")
                try self.transaction.update(expired)
                try self.history(expired, "endorsement_overdue")
                let summary = "no endorsement since the period ended on \(ea.period.last)"
                for recipient in Set([
                    expired.annotations.counterpartAuthority, expired.annotations.recordedBy, expired.key.authority,
                ]) {
                    try self.notify(recipient, "endorsement_overdue", expired, summary)
                }
            }
        }
        for var document in try self.transaction.documents(queries.boardOverdue) where changed < ExpirySweep.batch {
            changed += 1
            document.annotations.notices.insert(Self.boardOverdueNotice)
            try self.transaction.update(document)
            let days = day.ordinal - document.body.period.last.ordinal
            try self.notify(
                Self.board,
                "endorsement_overdue",
                document,
                "no endorsement \(days) days after the import period ended on \(document.body.period.last)"
            )
        }
        for var document in try self.transaction.documents(queries.endingSoon) where changed < ExpirySweep.batch {
            changed += 1
            document.annotations.notices.insert("expiring_soon")
            try self.transaction.update(document)
            let summary = "the import period ends on \(document.body.period.last)"
            // The issuer (or, for a paper IA, the CNA that recorded it) and the counterpart.
            let issuer =
                document.annotations.recordedBy.isEmpty ? document.key.authority : document.annotations.recordedBy
            for recipient in Set([issuer, document.annotations.counterpartAuthority]) {
                try self.notify(recipient, "expiring_soon", document, summary)
            }
        }
        return changed
    }
}
