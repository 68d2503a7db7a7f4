import Foundation
import LicitWire
import Testing

@testable import LicitClient

/// Transcripts of the SDK's call state machine: events in, decisions out, no I/O.
@Suite("The SDK's calls on one connection")
struct ClientCallsTests {
    static func response(_ code: LicitStatus.Code, reason: String = "", payload: Data = Data()) -> Licit_V1_Response {
        .with {
            $0.status = LicitStatus(code, reason: reason, message: reason).wire
            $0.payload = payload
        }
    }

    static func failure(_ decision: ClientCalls.Decision) -> LicitClientError? {
        switch decision {
        case .fail(let error), .failAndCancel(let error): error
        default: nil
        }
    }

    @Test("an answered call succeeds with its payload; an answer to no waiting call is ignored")
    func answered() {
        var calls = ClientCalls()
        guard case .send = calls.started(1, requestID: "") else { Issue.record("not sent"); return }
        guard case .succeed(let payload) = calls.responseReceived(1, Self.response(.ok, payload: Data([7]))) else {
            Issue.record("not succeeded")
            return
        }
        #expect(payload == Data([7]))
        guard case .none = calls.responseReceived(1, Self.response(.ok)) else { Issue.record("answered twice"); return }
    }

    @Test("a deadline passed: a read fails deadlineExceeded, a write is indeterminate with its request id; both cancel")
    func deadlines() {
        var calls = ClientCalls()
        _ = calls.started(1, requestID: "")
        _ = calls.started(3, requestID: "w-3")
        guard case .failAndCancel(let read) = calls.deadlinePassed(1),
            case .failAndCancel(let write) = calls.deadlinePassed(3)
        else { Issue.record("a deadline did not cancel"); return }
        #expect(read.code == .deadlineExceeded)
        #expect(write.code == .indeterminate && write.requestID == "w-3")
        guard case .none = calls.deadlinePassed(3) else { Issue.record("a call ended twice"); return }
    }

    @Test("the exchange stopping a write (deadline, cancel) leaves it indeterminate; a refusal is rejected")
    func refusals() {
        var calls = ClientCalls()
        for callID: UInt64 in [1, 3, 5, 7] { _ = calls.started(callID, requestID: callID == 7 ? "" : "w-\(callID)") }
        #expect(Self.failure(calls.responseReceived(1, Self.response(.deadlineExceeded)))?.code == .indeterminate)
        #expect(Self.failure(calls.responseReceived(3, Self.response(.cancelled)))?.code == .indeterminate)
        let rejected = Self.failure(
            calls.responseReceived(5, Self.response(.failedPrecondition, reason: "over_estimate"))
        )
        #expect(
            rejected?.code == .rejected && rejected?.status?.reason == "over_estimate" && rejected?.requestID == "w-5"
        )
        #expect(Self.failure(calls.responseReceived(7, Self.response(.deadlineExceeded)))?.code == .deadlineExceeded)
    }

    @Test("a connection lost: waiting reads are unavailable, waiting writes indeterminate; nothing starts after")
    func connectionLost() {
        var calls = ClientCalls()
        _ = calls.started(1, requestID: "")
        _ = calls.started(3, requestID: "w-3")
        calls.errorCaught(LicitClientError(.protocolViolation, "bad frame"))
        let ended = calls.connectionClosed()
        #expect(ended.map(\.0) == [1, 3])
        #expect(ended[0].1.code == .unavailable)
        #expect(ended[1].1.code == .indeterminate && ended[1].1.requestID == "w-3")
        #expect(
            Self.failure(calls.started(5, requestID: ""))?.code == .unavailable,
            "not sent: the connection is closing"
        )
    }

    @Test("a GoAway ends only the calls above its last call id, as not sent (safe to send again)")
    func goAway() {
        var calls = ClientCalls()
        for callID: UInt64 in [1, 3, 5] { _ = calls.started(callID, requestID: "w-\(callID)") }
        let ended = calls.goAwayReceived(
            .with {
                $0.lastCallID = 3
                $0.status = LicitStatus(.ok, reason: "shutting_down", message: "bye").wire
            }
        )
        #expect(ended.map(\.0) == [5])
        #expect(ended.first?.1.code == .unavailable)
        guard case .succeed = calls.responseReceived(3, Self.response(.ok)) else {
            Issue.record("a call at or below last_call_id must still be answered")
            return
        }
    }

    @Test("a call cancelled before it was sent is never sent; one cancelled while waiting is cancelled on the wire")
    func cancellation() {
        var calls = ClientCalls()
        let error = LicitClientError(.cancelled, "the caller gave up")
        guard case .none = calls.cancelled(1, error) else { Issue.record("unknown call cancelled"); return }
        #expect(Self.failure(calls.started(1, requestID: ""))?.code == .cancelled)
        _ = calls.started(3, requestID: "")
        guard case .failAndCancel = calls.cancelled(3, error) else { Issue.record("no Cancel frame"); return }
        guard case .none = calls.eventReceived(3) else { Issue.record("an event for an ended call"); return }
    }
}
