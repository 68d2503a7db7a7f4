import Foundation
import LicitExchange
import LicitWire

/// Misbehaviour a training sandbox inflicts on purpose, so that a national system's error
/// handling is tried before it goes live: the exchange asks before each call what to do to it,
/// and reports what it did and what the client did, for a conformance journal.
///
/// A production exchange has none (``ExchangeProtocol/faults`` is `nil`): every hook is skipped.
public protocol CallFaults: Sendable {
    /// The fault to inflict on `call`, decided as it starts; `nil` for none.
    func plan(_ call: CallFacts) -> PlannedFault?
    /// The fault to inflict on the next event of a subscription, if any.
    func planEvent(_ call: CallFacts, sequence: UInt64) -> EventFault?
    /// When the account's certificate is said to expire in `HelloResponse`: `actual`, or sooner
    /// to warn the client.
    func announcedExpiry(of account: Account, actual: Date?) -> Date?
    /// What happened on the connection, in order.
    func observe(_ observation: CallObservation)
}

/// What a fault hook knows about a call.
public struct CallFacts: Sendable {
    public let account: Account
    /// Unique among the connections this process opened.
    public let connection: UInt64
    public let callID: UInt64
    public let method: String
    public let requestID: String
    public let payload: Data
    public let isWrite: Bool
    public let isSubscription: Bool
    /// When the call's deadline passes; `nil` without one.
    public let deadline: ContinuousClock.Instant?

    public init(
        account: Account,
        connection: UInt64,
        callID: UInt64,
        method: String,
        requestID: String,
        payload: Data,
        isWrite: Bool,
        isSubscription: Bool,
        deadline: ContinuousClock.Instant?
    ) {
        self.account = account
        self.connection = connection
        self.callID = callID
        self.method = method
        self.requestID = requestID
        self.payload = payload
        self.isWrite = isWrite
        self.isSubscription = isSubscription
        self.deadline = deadline
    }
}

/// A fault inflicted on one call.
public enum PlannedFault: Sendable, Equatable {
    /// The write is applied, then the connection is dropped before its answer: indeterminate.
    case dropAfterCommit
    /// The connection sends a GoAway `shutting_down` as the call starts; the call is answered,
    /// later ones are refused `draining`.
    case drainMidCall
    /// The call runs, but its answer is held past its deadline and is `deadline_exceeded`.
    case delayPastDeadline
    /// The write is refused `rate_limited` with this `retry_after_ms`, and not applied.
    case rateLimited(milliseconds: Int)

    public var name: String {
        switch self {
        case .dropAfterCommit: "drop_after_commit"
        case .drainMidCall: "drain_mid_call"
        case .delayPastDeadline: "delay_past_deadline"
        case .rateLimited: "rate_limited"
        }
    }
}

/// A fault inflicted on one event of a subscription.
public enum EventFault: String, Sendable {
    /// The event is sent twice.
    case duplicate = "duplicate_event"
    /// The subscription ends before the event, `UNAVAILABLE` / `subscription_ended`.
    case endSubscription = "end_subscription"
}

/// One thing the conformance journal records.
public enum CallObservation: Sendable {
    case connectionOpened(account: Account, connection: UInt64)
    case connectionClosed(account: Account, connection: UInt64)
    /// A call ended: answered with `status`, or, when `answered` is false, left without an
    /// answer (its connection was dropped). `fault` is the fault actually inflicted.
    case callEnded(CallFacts, started: Date, status: LicitStatus, answered: Bool, fault: PlannedFault?)
    case eventSent(CallFacts, sequence: UInt64, fault: EventFault?)
    /// A subscription started (its end is a `callEnded`).
    case subscribed(CallFacts)
}

extension LicitStatus {
    /// Ends a subscription the exchange chose to end; the client subscribes again from its cursor.
    public static let subscriptionEnded = LicitStatus(
        .unavailable,
        reason: "subscription_ended",
        message: "the exchange ended this subscription: subscribe again from your cursor"
    )

    /// A sandbox's `rate_limited` refusal.
    static func rateLimited(retryAfterMilliseconds milliseconds: Int) -> LicitStatus {
        LicitStatus(
            .resourceExhausted,
            reason: "rate_limited",
            message: "writing faster than the exchange's pace; retry after \(milliseconds) ms with the same request id",
            details: ["retry_after_ms": "\(milliseconds)"]
        )
    }
}
