import Crypto
import Foundation
import LicitModel
import LicitStorage
import LicitWire

/// What every handler of the exchange shares: the store, the seal key, the clock, the live
/// inbox signal and the accounts.
public struct ExchangeContext: Sendable {
    public let storage: any Storage
    public let sealKey: SealKey
    public let clock: any ExchangeClock
    public let inbox: InboxSignal
    public let directory: any AccountDirectory
    /// Applies revocations and enrolments; without one, RevokeCertificate and EnrollAccount are refused.
    public let administration: (any AccountAdministration)?
    public let oversight: OversightSettings
    /// How the server's calls ended; register the handlers with it (``MethodRegistry/init(_:tally:)``).
    public let tally = CallTally()
    public let references = ReferenceCache()

    public init(
        storage: any Storage,
        sealKey: SealKey,
        clock: any ExchangeClock,
        directory: any AccountDirectory,
        administration: (any AccountAdministration)? = nil,
        oversight: OversightSettings = .defaults,
        inbox: InboxSignal = InboxSignal()
    ) {
        self.storage = storage
        self.sealKey = sealKey
        self.clock = clock
        self.directory = directory
        self.administration = administration
        self.oversight = oversight
        self.inbox = inbox
    }

    /// Every method of the exchange: documents, reference data, inboxes and the Board's.
    public var handlers: [MethodHandler] {
        DocumentMethods(exchange: self).handlers + ReferenceMethods(exchange: self).handlers
            + InboxMethods(exchange: self).handlers + BoardMethods(exchange: self).handlers
            + SandboxMethods(exchange: self).handlers + AuditMethods(exchange: self).handlers
    }

    /// The exchange's day (UTC) and time in milliseconds, read once per call.
    var moment: Moment {
        let now = self.clock.now
        return Moment(day: Day(now), milliseconds: Int64(now.timeIntervalSince1970 * 1000))
    }

    /// Runs a write on behalf of the caller: idempotent by its request id, audited, and
    /// announced to subscribers once durable.
    func write(
        _ context: CallContext,
        action: String,
        subject: String,
        payload: Data,
        _ effect: @escaping @Sendable (any LedgerTransaction) throws -> Data
    ) async throws -> Data {
        let response = try await self.storage.write(
            self.intent(context, action: action, subject: subject, payload: payload),
            effect
        )
        self.inbox.signal()
        return response
    }

    /// Audits a refused read (a document outside the caller's scope) before the refusal is
    /// answered: a denial the trail cannot record fails the call.
    func recordDenial(_ context: CallContext, action: String, subject: String, refusal: ExchangeError) async throws {
        try await self.storage.recordDenial(
            self.intent(context, action: action, subject: subject, payload: Data()),
            reason: refusal.reason.code,
            detail: refusal.message
        )
    }

    /// The caller's write or refusal, at the exchange's time now.
    func intent(_ context: CallContext, action: String, subject: String, payload: Data) -> WriteIntent {
        WriteIntent(
            authority: context.account.authority,
            requestID: context.requestID,
            payload: payload,
            actor: context.account.name,
            certificate: context.account.certificateFingerprint,
            action: action,
            subject: subject,
            at: self.moment.milliseconds
        )
    }
}

/// The exchange's Ed25519 signing key for seals (docs/ARCHITECTURE.md §5).
public struct SealKey: Sendable {
    /// Immutable once made, and signing does not mutate it.
    nonisolated(unsafe) let privateKey: Curve25519.Signing.PrivateKey
    /// The raw 32-byte public key anyone verifies seals with.
    public let publicKey: Data

    public init(rawRepresentation: Data) throws {
        self.privateKey = try Curve25519.Signing.PrivateKey(rawRepresentation: rawRepresentation)
        self.publicKey = self.privateKey.publicKey.rawRepresentation
    }

    /// A new random key.
    public static func generate() -> SealKey {
        try! SealKey(rawRepresentation: Curve25519.Signing.PrivateKey().rawRepresentation)
    }

    public var rawRepresentation: Data { self.privateKey.rawRepresentation }

    /// A short, stable name for the key: the first 8 bytes of its SHA-256, in hex.
    public var keyID: String {
        SHA256.hash(data: self.publicKey).prefix(8).lowercaseHex
    }

    func sign(_ content: Data) throws -> Data {
        try Seal.sign(content, with: self.privateKey)
    }
}

/// A point on the exchange's clock.
struct Moment: Sendable {
    let day: Day
    let milliseconds: Int64
}

extension Account {
    /// Board accounts see every country's documents and balances.
    var isBoard: Bool { self.role == .boardAdmin || self.role == .boardObserver }

    /// Whether this account may see a stored document (docs/ARCHITECTURE.md §5).
    func maySee(_ document: StoredDocument) -> Bool {
        if self.isBoard { return document.body.status != ImportAuthorization.Status.draft.rawValue }
        return document.parties.contains(self.authority)
    }
}

extension ExchangeContext {
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
