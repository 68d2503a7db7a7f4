import Foundation
import LicitModel

/// A ledger over the rows fetched so far, for a backend that cannot answer a read synchronously
/// (PostgreSQL through an asynchronous driver).
///
/// The exchange's effects are synchronous and deterministic: given the same rows they make the
/// same changes. So an asynchronous backend runs an effect on a `StagedLedger`; every read the
/// ledger cannot answer from what was fetched is noted as missing (and throws ``LedgerMiss``).
/// The backend then fetches what was missing, without blocking a thread, and runs the effect again
/// from the start on the larger snapshot, until a run misses nothing. That run's changes are the
/// write set, applied in the same database transaction as the fetches. Only a complete run's
/// outcome counts, so an effect that swallows an error cannot act on a read it did not get.
public final class StagedLedger: LedgerTransaction {
    private let ledger: InMemoryTransaction
    private let fetched: Set<LedgerRead>
    /// The reads this run could not answer.
    public private(set) var missing: Set<LedgerRead> = []
    /// The changes this run made, in order.
    public private(set) var changes: [LedgerChange] = []

    /// A run on `snapshot`, the rows fetched for the reads in `snapshot.fetched`.
    public init(_ snapshot: StagedSnapshot) {
        self.ledger = InMemoryTransaction(snapshot.state)
        self.fetched = snapshot.fetched
    }

    private func need(_ read: LedgerRead) throws {
        guard !self.fetched.contains(read) else { return }
        self.missing.insert(read)
        throw LedgerMiss(read: read)
    }

    private func record(_ change: LedgerChange) { self.changes.append(change) }

    public func document(_ key: DocumentKey) throws -> StoredDocument? {
        try self.need(.document(key))
        return try self.ledger.document(key)
    }

    /// A query read after this run changed k documents is fetched k deeper: whatever the changes
    /// took out of the first `limit`, the documents behind them are at hand.
    public func documents(_ query: DocumentQuery) throws -> [StoredDocument] {
        var deeper = query
        deeper.limit += self.documentChanges
        try self.need(.documents(deeper))
        return try self.ledger.documents(query)
    }

    /// How many documents this run inserted, updated or deleted so far.
    private var documentChanges = 0

    public func exportAuthorizations(citing key: DocumentKey) throws -> [StoredDocument] {
        try self.need(.citing(key))
        return try self.ledger.exportAuthorizations(citing: key)
    }

    public func history(_ key: DocumentKey) throws -> [HistoryEntry] {
        try self.need(.history(key))
        return try self.ledger.history(key)
    }

    public func usage(_ key: UsageKey) throws -> Usage {
        try self.need(.usage(key))
        return try self.ledger.usage(key)
    }

    public func usages(country: String?, year: Int?) throws -> [UsageKey: Usage] {
        try self.need(.usages(country: country, year: year))
        return try self.ledger.usages(country: country, year: year)
    }

    public func allowance(_ key: UsageKey) throws -> Allowance? {
        try self.need(.allowance(key))
        return try self.ledger.allowance(key)
    }

    public func allowances(country: String?) throws -> [Allowance] {
        try self.need(.allowances(country: country))
        return try self.ledger.allowances(country: country)
    }

    public func countries() throws -> [Country] {
        try self.need(.countries)
        return try self.ledger.countries()
    }

    public func authorities() throws -> [Authority] {
        try self.need(.authorities)
        return try self.ledger.authorities()
    }

    public func substances() throws -> [Substance] {
        try self.need(.substances)
        return try self.ledger.substances()
    }

    public func prohibitions() throws -> [Prohibition] {
        try self.need(.prohibitions)
        return try self.ledger.prohibitions()
    }

    public func traders(authority: String?) throws -> [RegisteredTrader] {
        try self.need(.traders(authority: authority))
        return try self.ledger.traders(authority: authority)
    }

    public func trader(id: String) throws -> RegisteredTrader? {
        try self.need(.trader(id: id))
        return try self.ledger.trader(id: id)
    }

    public func returnFilings(country: String?) throws -> [ReturnFiling] {
        try self.need(.returnFilings(country: country))
        return try self.ledger.returnFilings(country: country)
    }

    public func annualEstimates(country: String?, year: Int?) throws -> [AnnualEstimate] {
        try self.need(.annualEstimates(country: country, year: year))
        return try self.ledger.annualEstimates(country: country, year: year)
    }

    public func notificationTargets(recipient: String?) throws -> [NotificationTarget] {
        try self.need(.notificationTargets(recipient: recipient))
        return try self.ledger.notificationTargets(recipient: recipient)
    }

    public func estimateRequests(country: String?) throws -> [EstimateRequest] {
        try self.need(.estimateRequests(country: country))
        return try self.ledger.estimateRequests(country: country)
    }

    public func events(recipient: String, after sequence: UInt64, limit: Int) throws -> [InboxEntry] {
        try self.need(.events(recipient: recipient, after: sequence, limit: limit))
        return try self.ledger.events(recipient: recipient, after: sequence, limit: limit)
    }

    public func cursor(recipient: String) throws -> UInt64 {
        try self.need(.cursor(recipient: recipient))
        return try self.ledger.cursor(recipient: recipient)
    }

    public func attachment(sha256: String) throws -> Attachment? {
        try self.need(.attachment(sha256: sha256))
        return try self.ledger.attachment(sha256: sha256)
    }

    public func clockFloor() throws -> Int64 {
        try self.need(.clockFloor)
        return try self.ledger.clockFloor()
    }

    public func sandboxClock() throws -> SandboxClockSetting? {
        try self.need(.sandboxClock)
        return try self.ledger.sandboxClock()
    }

    // MARK: Changes: each needs what its result depends on (a number's owner, a running total, a counter).

    public func insert(_ document: StoredDocument) throws -> StoredDocument {
        try self.need(.document(document.key))
        try self.need(.documentSequence)
        let stored = try self.ledger.insert(document)
        self.record(.insert(document))
        self.documentChanges += 1
        return stored
    }

    public func update(_ document: StoredDocument) throws {
        try self.need(.document(document.key))
        try self.ledger.update(document)
        self.record(.update(document))
        self.documentChanges += 1
    }

    public func deleteDraft(_ key: DocumentKey) throws {
        try self.need(.document(key))
        try self.ledger.deleteDraft(key)
        self.record(.deleteDraft(key))
        self.documentChanges += 1
    }

    public func appendHistory(_ key: DocumentKey, _ entry: HistoryEntry) throws {
        try self.ledger.appendHistory(key, entry)
        self.record(.appendHistory(key, entry))
    }

    public func adjustUsage(_ key: UsageKey, by delta: Usage) throws {
        try self.need(.usage(key))
        try self.ledger.adjustUsage(key, by: delta)
        self.record(.adjustUsage(key, delta))
    }

    public func appendEvent(_ event: InboxEntry) throws -> UInt64 {
        try self.need(.eventSequence)
        let sequence = try self.ledger.appendEvent(event)
        self.record(.appendEvent(event))
        return sequence
    }

    public func setCursor(recipient: String, to sequence: UInt64) throws {
        try self.ledger.setCursor(recipient: recipient, to: sequence)
        self.record(.setCursor(recipient: recipient, sequence: sequence))
    }

    public func put(_ country: Country) throws {
        try self.ledger.put(country)
        self.record(.country(country))
    }

    public func put(_ authority: Authority) throws {
        try self.ledger.put(authority)
        self.record(.authority(authority))
    }

    public func put(_ substance: Substance) throws {
        try self.ledger.put(substance)
        self.record(.substance(substance))
    }

    public func put(_ allowance: Allowance) throws {
        try self.ledger.put(allowance)
        self.record(.allowance(allowance))
    }

    public func put(_ prohibition: Prohibition) throws {
        try self.ledger.put(prohibition)
        self.record(.prohibition(prohibition))
    }

    public func put(_ trader: RegisteredTrader) throws {
        try self.ledger.put(trader)
        self.record(.trader(trader))
    }

    public func put(_ attachment: Attachment) throws {
        try self.ledger.put(attachment)
        self.record(.attachment(attachment))
    }

    public func put(_ setting: SandboxClockSetting) throws {
        try self.ledger.put(setting)
        self.record(.sandboxClock(setting))
    }

    public func put(_ request: EstimateRequest) throws {
        try self.ledger.put(request)
        self.record(.estimateRequest(request))
    }

    public func put(_ estimate: AnnualEstimate) throws {
        try self.ledger.put(estimate)
        self.record(.annualEstimate(estimate))
    }

    public func put(_ filing: ReturnFiling) throws {
        try self.ledger.put(filing)
        self.record(.returnFiling(filing))
    }

    public func put(_ target: NotificationTarget) throws {
        try self.ledger.put(target)
        self.record(.notificationTarget(target))
    }
}

/// A read a staged run could not answer: the run is repeated once it is fetched.
public struct LedgerMiss: Error, Hashable, Sendable {
    public let read: LedgerRead
}

/// The rows fetched for a staged write or read so far, and which reads they answer completely.
public struct StagedSnapshot: Sendable {
    var state = LedgerState()
    public private(set) var fetched: Set<LedgerRead> = []

    public init() {}

    /// Adds the rows a backend fetched for `read`.
    public mutating func add(_ read: LedgerRead, _ rows: LedgerRows) {
        self.state.load(rows)
        self.fetched.insert(read)
    }
}
