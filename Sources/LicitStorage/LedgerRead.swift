import Foundation
import LicitModel

/// One read a ledger can make, as a value: what a staged effect found missing, and what an
/// asynchronous backend fetches for it (see ``StagedLedger``).
public enum LedgerRead: Hashable, Sendable {
    case document(DocumentKey)
    case documents(DocumentQuery)
    case citing(DocumentKey)
    case history(DocumentKey)
    case usage(UsageKey)
    case usages(country: String?, year: Int?)
    case allowance(UsageKey)
    case allowances(country: String?)
    case countries
    case authorities
    case substances
    case prohibitions
    case traders(authority: String?)
    case trader(id: String)
    case estimateRequests(country: String?)
    case annualEstimates(country: String?, year: Int?)
    case returnFilings(country: String?)
    case notificationTargets(recipient: String?)
    case events(recipient: String, after: UInt64, limit: Int)
    case cursor(recipient: String)
    case attachment(sha256: String)
    case clockFloor
    case sandboxClock
    /// The last storage sequence given to a document: an insert needs it.
    case documentSequence
    /// The last sequence given to an inbox event: an append needs it.
    case eventSequence

    /// Answers the read from `reader`, as the rows it returns.
    public func answer(from reader: any LedgerReader & LedgerSequences) throws -> LedgerRows {
        switch self {
        case .document(let key): .documents(try reader.document(key).map { [$0] } ?? [])
        case .documents(let query): .documents(try reader.documents(query))
        case .citing(let key): .documents(try reader.exportAuthorizations(citing: key))
        case .history(let key): .history(key, try reader.history(key))
        case .usage(let key): .usages([key: try reader.usage(key)])
        case .usages(let country, let year): .usages(try reader.usages(country: country, year: year))
        case .allowance(let key): .allowances(try reader.allowance(key).map { [$0] } ?? [])
        case .allowances(let country): .allowances(try reader.allowances(country: country))
        case .countries: .countries(try reader.countries())
        case .authorities: .authorities(try reader.authorities())
        case .substances: .substances(try reader.substances())
        case .prohibitions: .prohibitions(try reader.prohibitions())
        case .traders(let authority): .traders(try reader.traders(authority: authority))
        case .trader(let id): .traders(try reader.trader(id: id).map { [$0] } ?? [])
        case .estimateRequests(let country): .estimateRequests(try reader.estimateRequests(country: country))
        case .annualEstimates(let country, let year):
            .annualEstimates(try reader.annualEstimates(country: country, year: year))
        case .returnFilings(let country): .returnFilings(try reader.returnFilings(country: country))
        case .notificationTargets(let recipient):
            .notificationTargets(try reader.notificationTargets(recipient: recipient))
        case .events(let recipient, let after, let limit):
            .events(try reader.events(recipient: recipient, after: after, limit: limit))
        case .cursor(let recipient): .cursor(recipient, try reader.cursor(recipient: recipient))
        case .attachment(let sha256): .attachments(try reader.attachment(sha256: sha256).map { [$0] } ?? [])
        case .clockFloor: .clockFloor(try reader.clockFloor())
        case .sandboxClock: .sandboxClock(try reader.sandboxClock())
        case .documentSequence: .documentSequence(try reader.lastDocumentSequence())
        case .eventSequence: .eventSequence(try reader.lastEventSequence())
        }
    }
}

/// The counters a staged insert or append continues from.
public protocol LedgerSequences {
    func lastDocumentSequence() throws -> Int64
    func lastEventSequence() throws -> UInt64
}

/// Rows a backend fetched for a ``LedgerRead``.
public enum LedgerRows: Hashable, Sendable {
    case documents([StoredDocument])
    case history(DocumentKey, [HistoryEntry])
    case usages([UsageKey: Usage])
    case allowances([Allowance])
    case countries([Country])
    case authorities([Authority])
    case substances([Substance])
    case prohibitions([Prohibition])
    case traders([RegisteredTrader])
    case estimateRequests([EstimateRequest])
    case annualEstimates([AnnualEstimate])
    case returnFilings([ReturnFiling])
    case notificationTargets([NotificationTarget])
    case events([InboxEntry])
    case cursor(String, UInt64)
    case attachments([Attachment])
    case clockFloor(Int64)
    case sandboxClock(SandboxClockSetting?)
    case documentSequence(Int64)
    case eventSequence(UInt64)
}

extension LedgerState {
    /// Adds fetched rows to a partial state.
    mutating func load(_ rows: LedgerRows) {
        switch rows {
        case .documents(let documents): for document in documents { self.documents[document.key] = document }
        case .history(let key, let entries): self.history[key] = entries
        case .usages(let usages): self.usages.merge(usages) { _, fetched in fetched }
        case .allowances(let allowances):
            for allowance in allowances {
                self.allowances[
                    UsageKey(country: allowance.country, substance: allowance.substance, year: allowance.year)
                ] =
                    allowance
            }
        case .countries(let countries): for country in countries { self.countries[country.code] = country }
        case .authorities(let authorities):
            for authority in authorities { self.authorities[authority.code] = authority }
        case .substances(let substances): for substance in substances { self.substances[substance.code] = substance }
        case .prohibitions(let prohibitions): self.prohibitions.formUnion(prohibitions)
        case .traders(let traders): for trader in traders { self.traders[trader.id] = trader }
        case .estimateRequests(let requests):
            for request in requests { self.estimateRequests[request.id] = request }
        case .annualEstimates(let estimates):
            for estimate in estimates { self.annualEstimates[estimate.id] = estimate }
        case .returnFilings(let filings): for filing in filings { self.returnFilings[filing.id] = filing }
        case .notificationTargets(let targets):
            for target in targets { self.notificationTargets[target.id] = target }
        case .events(let events):
            let known = Set(self.events.map(\.sequence))
            self.events = (self.events + events.filter { !known.contains($0.sequence) }).sorted {
                $0.sequence < $1.sequence
            }
        case .cursor(let recipient, let sequence): self.cursors[recipient] = sequence
        case .attachments(let attachments):
            for attachment in attachments { self.attachments[attachment.sha256] = attachment }
        case .clockFloor(let floor): self.clockFloor = floor
        case .sandboxClock(let setting): self.sandboxClock = setting
        case .documentSequence(let sequence): self.documentSequence = sequence
        case .eventSequence(let sequence): self.eventSequence = sequence
        }
    }
}

/// One change a write made, as a value: what a staged effect hands its backend to apply.
public enum LedgerChange: Hashable, Sendable {
    case insert(StoredDocument)
    case update(StoredDocument)
    case deleteDraft(DocumentKey)
    case appendHistory(DocumentKey, HistoryEntry)
    case adjustUsage(UsageKey, Usage)
    case appendEvent(InboxEntry)
    case setCursor(recipient: String, sequence: UInt64)
    case country(Country)
    case authority(Authority)
    case substance(Substance)
    case allowance(Allowance)
    case prohibition(Prohibition)
    case trader(RegisteredTrader)
    case attachment(Attachment)
    case sandboxClock(SandboxClockSetting)
    case estimateRequest(EstimateRequest)
    case annualEstimate(AnnualEstimate)
    case returnFiling(ReturnFiling)
    case notificationTarget(NotificationTarget)

    /// Makes the change through `transaction`, as the effect made it.
    public func apply(to transaction: any LedgerTransaction) throws {
        switch self {
        case .insert(let document): try transaction.insert(document)
        case .update(let document): try transaction.update(document)
        case .deleteDraft(let key): try transaction.deleteDraft(key)
        case .appendHistory(let key, let entry): try transaction.appendHistory(key, entry)
        case .adjustUsage(let key, let delta): try transaction.adjustUsage(key, by: delta)
        case .appendEvent(let event): try transaction.appendEvent(event)
        case .setCursor(let recipient, let sequence): try transaction.setCursor(recipient: recipient, to: sequence)
        case .country(let country): try transaction.put(country)
        case .authority(let authority): try transaction.put(authority)
        case .substance(let substance): try transaction.put(substance)
        case .allowance(let allowance): try transaction.put(allowance)
        case .prohibition(let prohibition): try transaction.put(prohibition)
        case .trader(let trader): try transaction.put(trader)
        case .attachment(let attachment): try transaction.put(attachment)
        case .sandboxClock(let setting): try transaction.put(setting)
        case .estimateRequest(let request): try transaction.put(request)
        case .annualEstimate(let estimate): try transaction.put(estimate)
        case .returnFiling(let filing): try transaction.put(filing)
        case .notificationTarget(let target): try transaction.put(target)
        }
    }
}
