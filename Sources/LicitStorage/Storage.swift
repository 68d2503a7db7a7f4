import Crypto
import Foundation
import LicitModel

/// Where the exchange keeps everything (docs/ARCHITECTURE.md §4, §6). Every backend passes the same
/// conformance suite.
///
/// A write is applied exactly once per (authority, request id): its effect, its idempotency
/// record and its audit record commit in one transaction, reported durable before `write`
/// returns. Writes are applied one after another, each seeing every earlier one.
public protocol Storage: Sendable {
    /// Applies `effect` and returns its response, or the stored response of the same request
    /// made before. An error thrown by `effect` undoes the write, is audited as a refusal, and
    /// is rethrown. The same request id with another payload throws ``ExchangeError/requestIDReused``.
    func write(
        _ intent: WriteIntent,
        _ effect: @escaping @Sendable (any LedgerTransaction) throws -> Data
    )
        async throws -> Data

    /// Runs `body` on a consistent snapshot of committed state.
    func read<Value: Sendable>(_ body: @escaping @Sendable (any LedgerReader) throws -> Value) async throws -> Value

    /// Audits an attempt refused before it reached the store (a role or scope denial).
    func recordDenial(_ intent: WriteIntent, reason: String, detail: String) async throws

    /// Every audit record in sequence order.
    func auditRecords() async throws -> [AuditRecord]

    /// Up to `limit` audit records after `sequence`, in sequence order, and the chain's head, read
    /// on one snapshot: when the page reaches the end of the trail, its last record is the head.
    func auditPage(after sequence: UInt64, limit: Int) async throws -> AuditPage
}

extension Storage {
    /// Up to `limit` audit records after `sequence`, in sequence order.
    public func auditRecords(after sequence: UInt64, limit: Int) async throws -> [AuditRecord] {
        try await self.auditPage(after: sequence, limit: limit).records
    }

    /// The sequence and hash of the trail's last record: 0 and ``AuditChain/genesisHash`` when empty.
    public func auditHead() async throws -> (sequence: UInt64, hash: Data) {
        try await self.auditPage(after: .max, limit: 0).head
    }
}

/// One page of the audit trail, with the head of the chain as of the same snapshot.
public struct AuditPage: Sendable, Hashable {
    /// Records in sequence order.
    public let records: [AuditRecord]
    /// The last record of the whole trail when the page was read: 0 for an empty trail.
    public let headSequence: UInt64
    /// That record's hash; ``AuditChain/genesisHash`` for an empty trail.
    public let headHash: Data

    public init(records: [AuditRecord], headSequence: UInt64, headHash: Data) {
        self.records = records
        self.headSequence = headSequence
        self.headHash = headHash
    }

    /// The head as a pair.
    public var head: (sequence: UInt64, hash: Data) { (self.headSequence, self.headHash) }
}

/// Who asks for a write, under which idempotency key, and how it is audited.
public struct WriteIntent: Sendable, Hashable {
    /// The CNA the caller acts for: request ids are unique per authority.
    public let authority: String
    public let requestID: String
    /// SHA-256 of the request payload.
    public let payloadDigest: Data
    public let actor: String
    public let certificate: String
    /// For example "ia.issue".
    public let action: String
    /// For example "FR-ANSM/FR-IA-2026-0001".
    public let subject: String
    /// When it was asked for, in milliseconds on the exchange's clock: the audit record's time.
    public let at: Int64

    /// An intent whose idempotency key is (authority, request id) and whose payload digest covers
    /// the action too, so that one request id cannot stand for two different calls.
    public init(
        authority: String,
        requestID: String,
        payload: Data,
        actor: String,
        certificate: String,
        action: String,
        subject: String,
        at: Int64
    ) {
        self.authority = authority
        self.requestID = requestID
        var digest = SHA256()
        digest.update(utf8: action)
        digest.update(byte: 0)
        digest.update(data: payload)
        self.payloadDigest = Data(digest.finalize())
        self.actor = actor
        self.certificate = certificate
        self.action = action
        self.subject = subject
        self.at = at
    }
}

/// What every backend lets the exchange read, on one consistent snapshot.
public protocol LedgerReader {
    func document(_ key: DocumentKey) throws -> StoredDocument?
    func documents(_ query: DocumentQuery) throws -> [StoredDocument]
    /// The EAs that cite the IA `key`, in the order they were stored.
    func exportAuthorizations(citing key: DocumentKey) throws -> [StoredDocument]
    func history(_ key: DocumentKey) throws -> [HistoryEntry]
    /// The running totals of a country's imports; zero when nothing is recorded.
    func usage(_ key: UsageKey) throws -> Usage
    func usages(country: String?, year: Int?) throws -> [UsageKey: Usage]
    func allowance(_ key: UsageKey) throws -> Allowance?
    func allowances(country: String?) throws -> [Allowance]
    func countries() throws -> [Country]
    func authorities() throws -> [Authority]
    func substances() throws -> [Substance]
    func prohibitions() throws -> [Prohibition]
    func traders(authority: String?) throws -> [RegisteredTrader]
    func trader(id: String) throws -> RegisteredTrader?
    /// A country's requests for supplementary estimates (every country's for nil), by id.
    func estimateRequests(country: String?) throws -> [EstimateRequest]
    /// A country's annual estimates (Form B) for a year, or every one (nil), by country and year.
    func annualEstimates(country: String?, year: Int?) throws -> [AnnualEstimate]
    /// A country's statistical returns as filed (every country's for nil), by id.
    func returnFilings(country: String?) throws -> [ReturnFiling]
    /// Where an inbox's events are delivered (every inbox's for nil), removed ones included, by id.
    func notificationTargets(recipient: String?) throws -> [NotificationTarget]
    /// The recipient's inbox events after `sequence`, in order.
    func events(recipient: String, after sequence: UInt64, limit: Int) throws -> [InboxEntry]
    /// The highest sequence the recipient acknowledged; 0 when none.
    func cursor(recipient: String) throws -> UInt64
    func attachment(sha256: String) throws -> Attachment?
    /// The latest exchange time any committed write carried: the clock never reads earlier.
    func clockFloor() throws -> Int64
    /// A sandbox clock's setting, as the last SetClock left it; nil until one is made.
    func sandboxClock() throws -> SandboxClockSetting?
}

/// What a write may change, inside its transaction.
public protocol LedgerTransaction: LedgerReader {
    /// Stores a new document; ``ExchangeError/duplicateNumber`` when its number is taken. Returns
    /// it with its storage sequence.
    @discardableResult func insert(_ document: StoredDocument) throws -> StoredDocument
    /// Replaces a stored document's state (its content bytes and seal never change once sealed).
    func update(_ document: StoredDocument) throws
    /// Removes a draft (a draft replaced by its issued document).
    func deleteDraft(_ key: DocumentKey) throws
    func appendHistory(_ key: DocumentKey, _ entry: HistoryEntry) throws
    /// Adds `delta` to the running totals.
    func adjustUsage(_ key: UsageKey, by delta: Usage) throws
    @discardableResult func appendEvent(_ event: InboxEntry) throws -> UInt64
    func setCursor(recipient: String, to sequence: UInt64) throws
    func put(_ country: Country) throws
    func put(_ authority: Authority) throws
    func put(_ substance: Substance) throws
    func put(_ allowance: Allowance) throws
    func put(_ prohibition: Prohibition) throws
    func put(_ trader: RegisteredTrader) throws
    func put(_ attachment: Attachment) throws
    func put(_ setting: SandboxClockSetting) throws
    /// Adds a request for a supplementary estimate, or replaces it (by id) once decided.
    func put(_ request: EstimateRequest) throws
    /// Adds a country's annual estimates for a year, or replaces them (resubmitted, decided).
    func put(_ estimate: AnnualEstimate) throws
    /// Adds a statistical return as filed, or replaces it (saved again, submitted, decided).
    func put(_ filing: ReturnFiling) throws
    /// Adds a notification target, or replaces it (by id) as delivery moves on or it is removed.
    func put(_ target: NotificationTarget) throws
}

/// Where a sandbox clock stands: at real time `realMilliseconds` it read `exchangeMilliseconds`,
/// and since then it runs `rate` exchange seconds per real second.
public struct SandboxClockSetting: Hashable, Sendable, Codable {
    public var exchangeMilliseconds: Int64
    public var realMilliseconds: Int64
    public var rate: Double

    public init(exchangeMilliseconds: Int64, realMilliseconds: Int64, rate: Double) {
        self.exchangeMilliseconds = exchangeMilliseconds
        self.realMilliseconds = realMilliseconds
        self.rate = rate
    }
}

/// A country's balance is keyed by substance and year.
public struct UsageKey: Hashable, Sendable, Codable {
    public let country: String
    public let substance: String
    public let year: Int

    public init(country: String, substance: String, year: Int) {
        self.country = country
        self.substance = substance
        self.year = year
    }
}

/// Running totals of a country's imports of one substance in one year, in base milligrams.
public struct Usage: Hashable, Sendable, Codable {
    public var authorizedNotUsed: Int64
    public var imported: Int64

    public init(authorizedNotUsed: Int64 = 0, imported: Int64 = 0) {
        self.authorizedNotUsed = authorizedNotUsed
        self.imported = imported
    }

    public static let zero = Usage()

    public var isZero: Bool { self == .zero }

    public static func + (lhs: Usage, rhs: Usage) -> Usage {
        Usage(authorizedNotUsed: lhs.authorizedNotUsed + rhs.authorizedNotUsed, imported: lhs.imported + rhs.imported)
    }

    public static prefix func - (usage: Usage) -> Usage {
        Usage(authorizedNotUsed: -usage.authorizedNotUsed, imported: -usage.imported)
    }
}

/// One event in a durable inbox: about a document, or (``subject`` set, no document) about
/// something else, such as an account awaiting the Board's approval ("account/fr-admin-2").
public struct InboxEntry: Hashable, Sendable, Codable {
    /// Assigned by the store; increases across the exchange.
    public var sequence: UInt64
    public let recipient: String
    public let kind: String
    /// Empty for an event that is not about a document.
    public let document: DocumentKey
    /// Nil for an event that is not about a document.
    public let documentKind: DocumentKind?
    /// What an event not about a document is about, as `type/name`; empty for a document's.
    public let subject: String
    public let at: Int64
    public let status: String
    public let summary: String

    /// An event about something other than a document, named by `subject` (`type/name`).
    public init(
        sequence: UInt64 = 0,
        recipient: String,
        kind: String,
        subject: String,
        at: Int64,
        status: String,
        summary: String
    ) {
        self.init(
            sequence: sequence,
            recipient: recipient,
            kind: kind,
            document: DocumentKey(authority: "", number: ""),
            documentKind: nil,
            subject: subject,
            at: at,
            status: status,
            summary: summary
        )
    }

    public init(
        sequence: UInt64 = 0,
        recipient: String,
        kind: String,
        document: DocumentKey,
        documentKind: DocumentKind?,
        subject: String = "",
        at: Int64,
        status: String,
        summary: String
    ) {
        self.subject = subject
        self.sequence = sequence
        self.recipient = recipient
        self.kind = kind
        self.document = document
        self.documentKind = documentKind
        self.at = at
        self.status = status
        self.summary = summary
    }
}

/// A scanned paper document, stored once and referenced by its hash.
public struct Attachment: Hashable, Sendable, Codable {
    public let sha256: String
    public let mediaType: String
    public let bytes: Data

    public init(sha256: String, mediaType: String, bytes: Data) {
        self.sha256 = sha256
        self.mediaType = mediaType
        self.bytes = bytes
    }
}

/// The refusals every store makes itself.
extension ExchangeError {
    public static let requestIDReused = ExchangeError(
        .requestIDReused,
        "this request id was already used with a different payload; use a new id for a new request"
    )

    public static func duplicateNumber(_ key: DocumentKey) -> ExchangeError {
        ExchangeError(
            .duplicateNumber,
            "\(key.authority) already has a document numbered \(key.number); numbers are unique per CNA"
        )
    }

    public static func notFound(_ what: String) -> ExchangeError {
        ExchangeError(.notFound, "\(what) is not in the store")
    }
}
