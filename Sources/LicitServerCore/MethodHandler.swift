import Foundation
import LicitExchange
import LicitWire
import Logging
import Metrics

/// What a handler knows about the call it serves.
public struct CallContext: Sendable {
    /// The caller, as recognised from its certificate. Requests never name it.
    public let account: Account
    public let callID: UInt64
    public let method: String
    /// The idempotency key; non-empty on every write.
    public let requestID: String
    /// When the caller stops waiting; `nil` for a subscription opened without one.
    public let deadline: ContinuousClock.Instant?
    let connectionLogger: Logger

    /// The connection's logger with `call.id`, `method` and `request.id` metadata; made when
    /// asked for, so that calls which never log never pay for it.
    public var logger: Logger {
        var logger = self.connectionLogger
        logger[metadataKey: "call.id"] = .stringConvertible(self.callID)
        logger[metadataKey: "method"] = .string(self.method)
        if !self.requestID.isEmpty { logger[metadataKey: "request.id"] = .string(self.requestID) }
        return logger
    }
}

/// Sends the events of one subscription, in order, on its call id.
public struct EventSink: Sendable {
    public typealias Event = (sequence: UInt64, payload: Data)
    let sendEvents: @Sendable (_ events: [Event]) async throws -> Void
    let sendEvent: @Sendable (_ event: Event) async throws -> Void

    public init(
        one sendEvent: @escaping @Sendable (_ event: Event) async throws -> Void,
        page sendEvents: @escaping @Sendable (_ events: [Event]) async throws -> Void
    ) {
        self.sendEvent = sendEvent
        self.sendEvents = sendEvents
    }

    /// Suspends while the peer's outbound queue is full; throws once the call is over.
    public func send(sequence: UInt64, payload: Data) async throws {
        try await self.sendEvent((sequence, payload))
    }

    /// Sends a page of events at once (one hop and one flush on a socket); suspends while the
    /// peer's outbound queue is full; throws once the call is over (events of the page may have
    /// been sent by then).
    public func send(_ events: [Event]) async throws {
        try await self.sendEvents(events)
    }
}

/// One method of the protocol: who may call it, whether it writes, and the code that serves it.
///
/// Access is deny-by-default: a method lists the roles allowed to call it.
public struct MethodHandler: Sendable {
    public enum Body: Sendable {
        /// Answered on the connection's reading task without a hop: for cheap, non-blocking work.
        case inline(@Sendable (CallContext, Data) throws -> Data)
        /// Runs as its own task, bounded by the call's deadline and stopped by a Cancel frame.
        case unary(@Sendable (CallContext, Data) async throws -> Data)
        /// Pushes events until it returns (the call then ends OK), throws, or is cancelled.
        case subscription(@Sendable (CallContext, Data, EventSink) async throws -> Void)
    }

    public let name: String
    public let allowedRoles: Set<Role>
    /// Writes must carry a request id (idempotency key).
    public let isWrite: Bool
    public let body: Body
    let metrics: MethodMetrics

    public init(name: String, allowedRoles: Set<Role>, isWrite: Bool, body: Body) {
        self.name = name
        self.allowedRoles = allowedRoles
        self.isWrite = isWrite
        self.body = body
        self.metrics = MethodMetrics(method: name)
    }

    public var isSubscription: Bool {
        if case .subscription = self.body { return true }
        return false
    }
}

/// The methods a server answers, by fully qualified name.
public struct MethodRegistry: Sendable {
    private var handlers: [String: MethodHandler] = [:]
    /// Counts how the calls of these methods ended.
    public let tally: CallTally

    public init(_ handlers: [MethodHandler] = [], tally: CallTally = CallTally()) {
        self.tally = tally
        for handler in handlers { self.register(handler) }
    }

    public mutating func register(_ handler: MethodHandler) {
        precondition(self.handlers[handler.name] == nil, "method \(handler.name) registered twice")
        self.handlers[handler.name] = handler
    }

    public subscript(method: String) -> MethodHandler? { self.handlers[method] }

    public var methodNames: [String] { self.handlers.keys.sorted() }
}

/// Counters and a latency timer per method, made once when the method is registered.
struct MethodMetrics: Sendable {
    let calls: Counter
    let failures: Counter
    let duration: Metrics.Timer

    init(method: String) {
        self.calls = Counter(label: "licit_calls_total", dimensions: [("method", method)])
        self.failures = Counter(label: "licit_call_failures_total", dimensions: [("method", method)])
        self.duration = Metrics.Timer(label: "licit_call_duration_seconds", dimensions: [("method", method)])
    }
}
