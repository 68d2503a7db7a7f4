import Foundation
import LicitWire

/// What the SDK decides about its calls on one connection, as a value: events in, decisions
/// out, no I/O (``ClientFrameHandler`` carries them out on the event loop). It holds the rule the
/// SDK owes its callers: a write whose outcome is unknown — a deadline passed, the connection lost
/// after it was sent — is **indeterminate**, never failed, and carries its request id.
struct ClientCalls {
    /// A call sent and not yet answered: its idempotency key, empty for a read.
    private var pending: [UInt64: String] = [:]
    private var cancelledBeforeStart: Set<UInt64> = []
    private var goAwayLastCallID: UInt64?
    private var closed = false
    /// What ended the connection first, reported with the calls it ends.
    private(set) var firstError: (any Error)?

    /// What to do with a call or a frame.
    enum Decision {
        /// Nothing (an answer to a call no longer waiting).
        case none
        /// Send the call's request.
        case send
        /// End the call with its response payload.
        case succeed(Data)
        /// End the call with this error.
        case fail(LicitClientError)
        /// End the call with this error and tell the exchange to stop it (a Cancel frame).
        case failAndCancel(LicitClientError)
        /// Hand the event to the call's subscription.
        case deliver
    }

    /// A call is about to be sent.
    mutating func started(_ callID: UInt64, requestID: String) -> Decision {
        if self.cancelledBeforeStart.remove(callID) != nil {
            return .fail(LicitClientError(.cancelled, "the call was cancelled before it was sent"))
        }
        if self.closed || self.goAwayLastCallID != nil {
            return .fail(.notSent("the connection is closing", cause: self.firstError))
        }
        self.pending[callID] = requestID
        return .send
    }

    /// The caller gave up on a call (its task was cancelled).
    mutating func cancelled(_ callID: UInt64, _ error: LicitClientError) -> Decision {
        guard self.pending.removeValue(forKey: callID) != nil else {
            self.cancelledBeforeStart.insert(callID)
            return .none
        }
        return .failAndCancel(error)
    }

    /// The call's own deadline passed before an answer came.
    mutating func deadlinePassed(_ callID: UInt64) -> Decision {
        guard let requestID = self.pending.removeValue(forKey: callID) else { return .none }
        return .failAndCancel(
            Self.unconfirmed(requestID, read: .deadlineExceeded, "the deadline passed before the exchange answered")
        )
    }

    /// The exchange answered a call.
    mutating func responseReceived(_ callID: UInt64, _ response: Licit_V1_Response) -> Decision {
        guard let requestID = self.pending.removeValue(forKey: callID) else { return .none }
        let status = LicitStatus(wire: response.status)
        if status.isOK { return .succeed(response.payload) }
        if !requestID.isEmpty, status.code == .deadlineExceeded || status.code == .cancelled {
            return .fail(
                LicitClientError(
                    .indeterminate,
                    "the exchange stopped waiting: \(status.message)",
                    status: status,
                    requestID: requestID
                )
            )
        }
        if status.code == .deadlineExceeded {
            return .fail(LicitClientError(.deadlineExceeded, status.message, status: status))
        }
        return .fail(.rejected(status, requestID: requestID.isEmpty ? nil : requestID))
    }

    /// An event arrived on a subscription.
    func eventReceived(_ callID: UInt64) -> Decision {
        self.pending[callID] == nil ? .none : .deliver
    }

    /// The exchange is closing the connection: calls above `last_call_id` were never processed,
    /// and are safe to send again elsewhere. Returns them, with the error each ends with.
    mutating func goAwayReceived(_ goAway: Licit_V1_GoAway) -> [(UInt64, LicitClientError)] {
        let status = LicitStatus(wire: goAway.status)
        self.goAwayLastCallID = goAway.lastCallID
        if !status.isOK { self.firstError = LicitClientError.rejected(status, requestID: nil) }
        let unprocessed = self.pending.keys.filter { $0 > goAway.lastCallID }.sorted()
        for callID in unprocessed { self.pending[callID] = nil }
        let error = LicitClientError.notSent("the exchange did not process the call (\(status.reason))", status: status)
        return unprocessed.map { ($0, error) }
    }

    /// Something went wrong on the connection; the first such error explains the calls it ends.
    mutating func errorCaught(_ error: any Error) {
        self.firstError = self.firstError ?? error
    }

    /// The connection is gone: every call still waiting ends, a write as indeterminate.
    mutating func connectionClosed() -> [(UInt64, LicitClientError)] {
        self.closed = true
        let pending = self.pending.sorted { $0.key < $1.key }
        self.pending = [:]
        return pending.map { callID, requestID in
            (
                callID,
                Self.unconfirmed(
                    requestID,
                    read: .unavailable,
                    "the connection was lost before the exchange answered",
                    cause: self.firstError
                )
            )
        }
    }

    /// A read that cannot complete is `readCode`; a write that may have happened is indeterminate.
    static func unconfirmed(
        _ requestID: String,
        read readCode: LicitClientError.Code,
        _ message: String,
        cause: (any Error)? = nil
    ) -> LicitClientError {
        if requestID.isEmpty { return LicitClientError(readCode, message, cause: cause) }
        return LicitClientError(
            .indeterminate,
            message + "; the write may or may not have been applied — retry it with the same request id",
            requestID: requestID,
            cause: cause
        )
    }
}
