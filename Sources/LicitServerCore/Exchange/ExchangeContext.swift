import LicitExchange
import LicitStorage

/// The exchange as the protocol serves it: the ``Exchange`` with the wire's document encoding,
/// and the tally of how its calls ended.
public struct ExchangeContext: Sendable {
    public let exchange: Exchange
    /// How the server's calls ended; register the handlers with it (``MethodRegistry/init(_:tally:)``).
    public let tally = CallTally()

    public init(
        storage: any Storage,
        sealKeys: SealKeyRing,
        clock: any ExchangeClock,
        directory: any AccountDirectory,
        administration: (any AccountAdministration)? = nil,
        oversight: OversightSettings = .defaults,
        inbox: InboxSignal = InboxSignal(),
        checkpointLog: CheckpointLog = CheckpointLog(file: nil)
    ) {
        self.exchange = Exchange(
            storage: storage,
            sealKeys: sealKeys,
            clock: clock,
            directory: directory,
            contents: WireContents(),
            administration: administration,
            oversight: oversight,
            inbox: inbox,
            checkpointLog: checkpointLog
        )
    }

    /// Every method of the exchange: documents, reference data, inboxes and the Board's.
    public var handlers: [MethodHandler] {
        DocumentMethods(exchange: self.exchange).handlers + ReferenceMethods(exchange: self.exchange).handlers
            + InboxMethods(exchange: self.exchange).handlers + BoardMethods(context: self).handlers
            + SandboxMethods(exchange: self.exchange).handlers + AuditMethods(exchange: self.exchange).handlers
            + AccountMethods(exchange: self.exchange).handlers + EstimateMethods(exchange: self.exchange).handlers
            + ReturnMethods(exchange: self.exchange).handlers + NotificationMethods(exchange: self.exchange).handlers
    }

    // The exchange's parts, for the daemon and the tests.
    public var storage: any Storage { self.exchange.storage }
    public var clock: any ExchangeClock { self.exchange.clock }
    public var sealKey: SealKey { self.exchange.sealKey }
    public var directory: any AccountDirectory { self.exchange.directory }
    public var inbox: InboxSignal { self.exchange.inbox }
    public var references: ReferenceCache { self.exchange.references }

    /// Audits a call the session refused for the caller's role, before the refusal is answered.
    public func auditRoleDenial(_ account: Account, method: String, reason: String, message: String) async throws {
        try await self.exchange.auditRoleDenial(account, method: method, reason: reason, message: message)
    }
}

extension CallContext {
    /// The caller, as the exchange's commands take it.
    var caller: Caller { Caller(self.account, requestID: self.requestID) }
}

extension ExpirySweep {
    /// The sweep of the exchange the protocol serves.
    public init(_ context: ExchangeContext) {
        self.init(exchange: context.exchange)
    }
}
