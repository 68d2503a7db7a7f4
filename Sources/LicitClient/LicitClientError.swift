import LicitWire

/// Every way a call through ``LicitClient`` can fail to give a result.
///
/// The distinction that matters for writes: ``Code/rejected`` means the exchange answered and
/// did **not** apply the write; ``Code/indeterminate`` means the SDK cannot know — retry the
/// write with the same ``requestID`` and the exchange will apply it at most once.
public struct LicitClientError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String, Hashable, Sendable {
            case rejected, indeterminate, unavailable, deadlineExceeded, cancelled, invalidRequest, protocolViolation
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// The exchange answered with a non-OK status; see ``LicitClientError/status``.
        public static let rejected = Code(.rejected)
        /// A write was sent but its outcome is unknown (deadline passed, connection lost,
        /// task cancelled). Retry with the same request id.
        public static let indeterminate = Code(.indeterminate)
        /// No connection could be made or it was lost before the request was sent; safe to retry.
        public static let unavailable = Code(.unavailable)
        /// A read did not complete before its deadline.
        public static let deadlineExceeded = Code(.deadlineExceeded)
        /// A read was cancelled by its task.
        public static let cancelled = Code(.cancelled)
        /// Refused by the SDK before sending, for example a request larger than the frame limit.
        public static let invalidRequest = Code(.invalidRequest)
        /// The exchange sent something this SDK does not understand.
        public static let protocolViolation = Code(.protocolViolation)

        public var description: String { self.value.rawValue }
    }

    public let code: Code
    public let message: String
    /// The exchange's status, for ``Code/rejected``.
    public let status: LicitStatus?
    /// The idempotency key of the write, to retry an indeterminate outcome with.
    public let requestID: String?
    public let cause: (any Error)?
    /// The request never left this client: the SDK may send it again on a new connection.
    let wasNotSent: Bool

    public init(
        _ code: Code,
        _ message: String,
        status: LicitStatus? = nil,
        requestID: String? = nil,
        cause: (any Error)? = nil
    ) {
        self.code = code
        self.message = message
        self.status = status
        self.requestID = requestID
        self.cause = cause
        self.wasNotSent = false
    }

    private init(notSent message: String, status: LicitStatus?, cause: (any Error)?) {
        self.code = .unavailable
        self.message = message + "; the request was not sent"
        self.status = status
        self.requestID = nil
        self.cause = cause
        self.wasNotSent = true
    }

    /// Unavailable, and known never to have reached the exchange.
    static func notSent(_ message: String, status: LicitStatus? = nil, cause: (any Error)? = nil) -> LicitClientError {
        LicitClientError(notSent: message, status: status, cause: cause)
    }

    static func rejected(_ status: LicitStatus, requestID: String?) -> LicitClientError {
        LicitClientError(.rejected, status.description, status: status, requestID: requestID)
    }

    public var description: String {
        var text = "\(self.code): \(self.message)"
        if let requestID = self.requestID, !requestID.isEmpty { text += " (request id \(requestID))" }
        if let cause = self.cause { text += " — \(cause)" }
        return text
    }
}
