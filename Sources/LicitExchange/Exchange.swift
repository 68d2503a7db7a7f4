import Foundation
import LicitModel
import LicitStorage

/// The exchange: its store, seal key, clock, live inbox signal, accounts and reference cache,
/// and every command and query on them (the `Exchange+*.swift` files), in the model's terms.
/// The protocol layer decodes requests into these commands and encodes what they return.
public struct Exchange: Sendable {
    public let storage: any Storage
    /// The seal keys: the current one seals.
    public let sealKeys: SealKeyRing
    /// The key that seals now.
    public var sealKey: SealKey { self.sealKeys.current }
    public let clock: any ExchangeClock
    public let inbox: InboxSignal
    public let directory: any AccountDirectory
    /// Applies revocations and enrolments; without one, revoking and enrolling are refused.
    public let administration: (any AccountAdministration)?
    public let oversight: OversightSettings
    /// How a document's content is written down to be sealed, and a draft's read back.
    public let contents: any DocumentContentCodec
    public let references = ReferenceCache()
    /// Where delivered checkpoints of the audit trail are also written.
    public let checkpointLog: CheckpointLog
    let inboxReads = InboxReads()

    public init(
        storage: any Storage,
        sealKeys: SealKeyRing,
        clock: any ExchangeClock,
        directory: any AccountDirectory,
        contents: any DocumentContentCodec,
        administration: (any AccountAdministration)? = nil,
        oversight: OversightSettings = .defaults,
        inbox: InboxSignal = InboxSignal(),
        checkpointLog: CheckpointLog = CheckpointLog(file: nil)
    ) {
        self.checkpointLog = checkpointLog
        self.storage = storage
        self.sealKeys = sealKeys
        self.clock = clock
        self.directory = directory
        self.contents = contents
        self.administration = administration
        self.oversight = oversight
        self.inbox = inbox
        if let feed = storage as? any CommittedEventsFeed { inbox.follow(feed) }
    }

    /// The exchange's day (UTC) and time in milliseconds, read once per call.
    public var moment: Moment {
        let now = self.clock.now
        return Moment(day: Day(now), milliseconds: Int64(now.timeIntervalSince1970 * 1000))
    }

    /// Runs a write on behalf of the caller: idempotent by its request id (the request's bytes,
    /// `payload`, must match on a retry), audited, and announced to subscribers once durable.
    /// `effect` returns the answer, which a retry receives again byte for byte.
    public func write(
        _ caller: Caller,
        action: String,
        subject: String,
        payload: Data,
        _ effect: @escaping @Sendable (any LedgerTransaction) throws -> Data
    ) async throws -> Data {
        let response = try await self.storage.write(
            self.intent(caller, action: action, subject: subject, payload: payload),
            effect
        )
        self.inbox.written()
        return response
    }

    /// Audits a refused read (a document outside the caller's scope) before the refusal is
    /// answered: a denial the trail cannot record fails the call.
    public func recordDenial(_ caller: Caller, action: String, subject: String, refusal: ExchangeError) async throws {
        try await self.storage.recordDenial(
            self.intent(caller, action: action, subject: subject, payload: Data()),
            reason: refusal.reason.code,
            detail: refusal.message
        )
    }

    /// The caller's write or refusal, at the exchange's time now.
    func intent(_ caller: Caller, action: String, subject: String, payload: Data) -> WriteIntent {
        WriteIntent(
            authority: caller.account.authority,
            requestID: caller.requestID,
            payload: payload,
            actor: caller.account.name,
            certificate: caller.account.certificateFingerprint,
            action: action,
            subject: subject,
            at: self.moment.milliseconds
        )
    }
}

/// Who calls: the account its certificate names, and the request's idempotency key (non-empty
/// on every write).
public struct Caller: Sendable {
    public let account: Account
    public let requestID: String

    public init(_ account: Account, requestID: String = "") {
        self.account = account
        self.requestID = requestID
    }
}

/// A point on the exchange's clock.
public struct Moment: Sendable {
    public let day: Day
    public let milliseconds: Int64
}

extension Account {
    /// Board accounts see every country's documents and balances.
    public var isBoard: Bool { self.role == .boardAdmin || self.role == .boardObserver }

    /// Whose filings (estimates, returns) a listing shows: the Board's choice (nil: every
    /// country's), and a CNA its own country's whatever it asks for.
    func filings(of country: String?) -> String? { self.isBoard ? country : self.country }

    /// Whether this account may see a stored document (docs/ARCHITECTURE.md §5).
    public func maySee(_ document: StoredDocument) -> Bool {
        if self.isBoard { return document.body.status != ImportAuthorization.Status.draft.rawValue }
        return document.parties.contains(self.authority)
    }
}

extension Exchange {
    /// Audits a call refused for the caller's role (the session refuses it before any handler);
    /// the connection awaits it before answering the refusal.
    public func auditRoleDenial(_ account: Account, method: String, reason: String, message: String) async throws {
        try await self.storage.recordDenial(
            WriteIntent(
                authority: account.authority,
                requestID: "",
                payload: Data(),
                actor: account.name,
                certificate: account.certificateFingerprint,
                action: method,
                subject: "",
                at: self.moment.milliseconds
            ),
            reason: reason,
            detail: message
        )
    }
}

extension ExchangeError {
    /// What a caller gets for a document it may not see: the same as for one that does not
    /// exist, so that numbers cannot be probed.
    static func documentNotFound(_ key: DocumentKey) -> ExchangeError {
        ExchangeError(.documentNotFound, "no document \(key.number) of \(key.authority) is visible to you")
    }
}
