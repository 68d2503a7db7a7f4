import Foundation
import LicitModel
import Synchronization

/// A store in memory, for tests and experiments: the same contract as the durable ones, without
/// the durability. Each write runs on a copy of the state that replaces it only on success.
public final class InMemoryStorage: Storage {
    private let state = Mutex(LedgerState())

    public init() {}

    public func write(
        _ intent: WriteIntent,
        _ effect: @escaping @Sendable (any LedgerTransaction) throws -> Data
    ) async throws -> Data {
        try self.state.withLock { state in
            if let previous = state.requests[RequestKey(intent)] {
                guard previous.digest == intent.payloadDigest else {
                    state.audit(intent, outcome: ExchangeError.requestIDReused.reason.code, detail: "")
                    throw ExchangeError.requestIDReused
                }
                return previous.response
            }
            let transaction = InMemoryTransaction(state)
            do {
                let response = try effect(transaction)
                state = transaction.state
                state.audit(intent, outcome: "ok", detail: "")
                state.requests[RequestKey(intent)] = (intent.payloadDigest, response)
                return response
            } catch {
                state.audit(
                    intent,
                    outcome: AuditRecord.outcome(refusedBy: error),
                    detail: "\(error)"
                )
                throw error
            }
        }
    }

    public func read<Value: Sendable>(
        _ body: @escaping @Sendable (any LedgerReader) throws -> Value
    ) async throws -> Value {
        let snapshot = self.state.withLock { $0 }
        return try body(InMemoryTransaction(snapshot))
    }

    public func recordDenial(_ intent: WriteIntent, reason: String, detail: String) async throws {
        self.state.withLock { $0.audit(intent, outcome: reason, detail: detail) }
    }

    public func auditRecords() async throws -> [AuditRecord] {
        self.state.withLock { $0.auditTrail }
    }

    public func auditPage(after sequence: UInt64, limit: Int) async throws -> AuditPage {
        self.state.withLock { state in
            // Sequences run 1, 2, 3 … with no gap: record n is at index n - 1.
            let trail = state.auditTrail
            let start = Int(min(sequence, UInt64(trail.count)))
            return AuditPage(
                records: Array(trail[start...].prefix(max(limit, 0))),
                headSequence: trail.last?.sequence ?? 0,
                headHash: trail.last?.hash ?? AuditChain.genesisHash
            )
        }
    }
}

extension AuditRecord {
    /// The audit outcome of a refused write: its stable reason when it has one.
    public static func outcome(refusedBy error: any Error) -> String {
        (error as? ExchangeError)?.reason.code ?? "refused"
    }
}

struct RequestKey: Hashable {
    let authority: String
    let requestID: String

    init(_ intent: WriteIntent) {
        self.authority = intent.authority
        self.requestID = intent.requestID
    }
}

/// Everything an in-memory store holds.
struct LedgerState: Sendable {
    var documents: [DocumentKey: StoredDocument] = [:]
    var documentSequence: Int64 = 0
    var history: [DocumentKey: [HistoryEntry]] = [:]
    var usages: [UsageKey: Usage] = [:]
    var allowances: [UsageKey: Allowance] = [:]
    var countries: [String: Country] = [:]
    var authorities: [String: Authority] = [:]
    var substances: [String: Substance] = [:]
    var prohibitions: Set<Prohibition> = []
    var traders: [String: RegisteredTrader] = [:]
    var estimateRequests: [String: EstimateRequest] = [:]
    var annualEstimates: [String: AnnualEstimate] = [:]
    var returnFilings: [String: ReturnFiling] = [:]
    var notificationTargets: [String: NotificationTarget] = [:]
    var events: [InboxEntry] = []
    /// The last event's sequence (events may hold only some of them: see ``StagedLedger``).
    var eventSequence: UInt64 = 0
    var cursors: [String: UInt64] = [:]
    var attachments: [String: Attachment] = [:]
    var requests: [RequestKey: (digest: Data, response: Data)] = [:]
    var auditTrail: [AuditRecord] = []
    var clockFloor: Int64 = 0
    var sandboxClock: SandboxClockSetting?

    mutating func audit(_ intent: WriteIntent, outcome: String, detail: String) {
        var chain = AuditChain(after: self.auditTrail.last)
        self.clockFloor = max(self.clockFloor, intent.at)
        self.auditTrail.append(
            chain.append(
                at: intent.at,
                actor: intent.actor,
                certificate: intent.certificate,
                action: intent.action,
                subject: intent.subject,
                outcome: outcome,
                detail: detail
            )
        )
    }
}

/// Reads and writes one copy of the state; a reference so that the protocol's methods can
/// mutate it through `any LedgerTransaction`.
final class InMemoryTransaction: LedgerTransaction, LedgerSequences {
    var state: LedgerState

    init(_ state: LedgerState) { self.state = state }

    func document(_ key: DocumentKey) throws -> StoredDocument? { self.state.documents[key] }

    func documents(_ query: DocumentQuery) throws -> [StoredDocument] {
        Array(
            self.state.documents.values.filter(query.matches).sorted { $0.sequence > $1.sequence }.prefix(query.limit)
        )
    }

    func exportAuthorizations(citing key: DocumentKey) throws -> [StoredDocument] {
        self.state.documents.values.filter { $0.citedKey == key }.sorted { $0.sequence < $1.sequence }
    }

    func history(_ key: DocumentKey) throws -> [HistoryEntry] { self.state.history[key] ?? [] }

    func usage(_ key: UsageKey) throws -> Usage { self.state.usages[key] ?? .zero }

    func usages(country: String?, year: Int?) throws -> [UsageKey: Usage] {
        self.state.usages.filter { key, _ in
            (country == nil || key.country == country) && (year == nil || key.year == year)
        }
    }

    func allowance(_ key: UsageKey) throws -> Allowance? { self.state.allowances[key] }

    func allowances(country: String?) throws -> [Allowance] {
        self.state.allowances.values.filter { country == nil || $0.country == country }
            .sorted { ($0.country, $0.substance, $0.year) < ($1.country, $1.substance, $1.year) }
    }

    func countries() throws -> [Country] { self.state.countries.values.sorted { $0.code < $1.code } }
    func authorities() throws -> [Authority] { self.state.authorities.values.sorted { $0.code < $1.code } }
    func substances() throws -> [Substance] { self.state.substances.values.sorted { $0.code < $1.code } }

    func prohibitions() throws -> [Prohibition] {
        self.state.prohibitions.sorted { ($0.country, $0.substance) < ($1.country, $1.substance) }
    }

    func traders(authority: String?) throws -> [RegisteredTrader] {
        self.state.traders.values.filter { authority == nil || $0.authority == authority }.sorted { $0.id < $1.id }
    }

    func trader(id: String) throws -> RegisteredTrader? { self.state.traders[id] }

    func notificationTargets(recipient: String?) throws -> [NotificationTarget] {
        self.state.notificationTargets.values.filter { recipient == nil || $0.recipient == recipient }.sorted {
            $0.id < $1.id
        }
    }

    func returnFilings(country: String?) throws -> [ReturnFiling] {
        self.state.returnFilings.values.filter { country == nil || $0.country == country }.sorted { $0.id < $1.id }
    }

    func annualEstimates(country: String?, year: Int?) throws -> [AnnualEstimate] {
        self.state.annualEstimates.values.filter {
            (country == nil || $0.country == country) && (year == nil || $0.year == year)
        }.sorted { $0.id < $1.id }
    }

    func estimateRequests(country: String?) throws -> [EstimateRequest] {
        self.state.estimateRequests.values.filter { country == nil || $0.country == country }.sorted { $0.id < $1.id }
    }

    func events(recipient: String, after sequence: UInt64, limit: Int) throws -> [InboxEntry] {
        Array(self.state.events.filter { $0.recipient == recipient && $0.sequence > sequence }.prefix(limit))
    }

    func cursor(recipient: String) throws -> UInt64 { self.state.cursors[recipient] ?? 0 }

    func attachment(sha256: String) throws -> Attachment? { self.state.attachments[sha256] }
    func clockFloor() throws -> Int64 { self.state.clockFloor }
    func lastDocumentSequence() throws -> Int64 { self.state.documentSequence }
    func lastEventSequence() throws -> UInt64 { self.state.eventSequence }
    func sandboxClock() throws -> SandboxClockSetting? { self.state.sandboxClock }

    func insert(_ document: StoredDocument) throws -> StoredDocument {
        guard self.state.documents[document.key] == nil else { throw ExchangeError.duplicateNumber(document.key) }
        self.state.documentSequence += 1
        var stored = document
        stored.sequence = self.state.documentSequence
        self.state.documents[document.key] = stored
        return stored
    }

    func update(_ document: StoredDocument) throws {
        guard let existing = self.state.documents[document.key] else {
            throw ExchangeError.notFound("document \(document.key)")
        }
        var stored = document
        stored.sequence = existing.sequence
        self.state.documents[document.key] = stored
    }

    func deleteDraft(_ key: DocumentKey) throws {
        guard self.state.documents[key]?.body.status == ImportAuthorization.Status.draft.rawValue else {
            throw ExchangeError.notFound("draft \(key)")
        }
        self.state.documents[key] = nil
    }

    func appendHistory(_ key: DocumentKey, _ entry: HistoryEntry) throws {
        self.state.history[key, default: []].append(entry)
    }

    func adjustUsage(_ key: UsageKey, by delta: Usage) throws {
        self.state.usages[key] = (self.state.usages[key] ?? .zero) + delta
    }

    func appendEvent(_ event: InboxEntry) throws -> UInt64 {
        var stored = event
        stored.sequence = self.state.eventSequence + 1
        self.state.eventSequence = stored.sequence
        self.state.events.append(stored)
        return stored.sequence
    }

    func setCursor(recipient: String, to sequence: UInt64) throws { self.state.cursors[recipient] = sequence }
    func put(_ country: Country) throws { self.state.countries[country.code] = country }
    func put(_ authority: Authority) throws { self.state.authorities[authority.code] = authority }
    func put(_ substance: Substance) throws { self.state.substances[substance.code] = substance }

    func put(_ allowance: Allowance) throws {
        self.state.allowances[
            UsageKey(country: allowance.country, substance: allowance.substance, year: allowance.year)
        ] =
            allowance
    }

    func put(_ prohibition: Prohibition) throws { self.state.prohibitions.insert(prohibition) }
    func put(_ trader: RegisteredTrader) throws { self.state.traders[trader.id] = trader }
    func put(_ attachment: Attachment) throws { self.state.attachments[attachment.sha256] = attachment }
    func put(_ setting: SandboxClockSetting) throws { self.state.sandboxClock = setting }
    func put(_ request: EstimateRequest) throws { self.state.estimateRequests[request.id] = request }
    func put(_ estimate: AnnualEstimate) throws { self.state.annualEstimates[estimate.id] = estimate }
    func put(_ filing: ReturnFiling) throws { self.state.returnFilings[filing.id] = filing }
    func put(_ target: NotificationTarget) throws { self.state.notificationTargets[target.id] = target }
}
