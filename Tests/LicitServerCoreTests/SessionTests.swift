import Foundation
import LicitExchange
import LicitWire
import Testing

@testable import LicitServerCore

/// Transcripts of the connection state machine: frames in, actions out, no I/O.
@Suite("Session state machine")
struct SessionTests {
    static let read = MethodHandler(
        name: "licit.test.v1/Read",
        allowedRoles: [.viewer, .signer],
        isWrite: false,
        body: .inline { _, payload in payload }
    )
    static let write = MethodHandler(
        name: "licit.test.v1/Write",
        allowedRoles: [.signer],
        isWrite: true,
        body: .inline { _, payload in payload }
    )
    static let watch = MethodHandler(
        name: "licit.test.v1/Watch",
        allowedRoles: [.signer],
        isWrite: false,
        body: .subscription { _, _, _ in }
    )

    static func session(role: Role = .signer, maxCallsInFlight: Int = 4) -> Session {
        var limits = ServerLimits.defaults
        limits.maxCallsInFlight = maxCallsInFlight
        limits.defaultCallTimeout = .seconds(30)
        limits.maxCallTimeout = .seconds(60)
        return Session(limits: limits, registry: MethodRegistry([Self.read, Self.write, Self.watch]), role: role)
    }

    static func request(
        _ callID: UInt64,
        _ method: String,
        timeoutMs: UInt32 = 0,
        requestID: String = ""
    ) -> Licit_V1_Frame {
        .request(callID: callID, method: method, payload: Data(), timeoutMilliseconds: timeoutMs, requestID: requestID)
    }

    static func openSession(role: Role = .signer, maxCallsInFlight: Int = 4) -> Session {
        var session = Self.session(role: role, maxCallsInFlight: maxCallsInFlight)
        guard case .hello(callID: 1) = session.frameReceived(Self.request(1, LicitMethod.hello)) else {
            Issue.record("hello was not answered")
            return session
        }
        session.helloAccepted()
        return session
    }

    /// The reason of a refusal action, or nil if the action is not a refusal.
    static func refusal(_ action: Session.Action) -> String? {
        switch action {
        case .deny(_, let status): status.reason
        case .reply(let frame) where frame.response.hasStatus: frame.response.status.reason
        default: nil
        }
    }

    static func closeReason(_ action: Session.Action) -> String? {
        if case .close(let frame) = action { return frame.goaway.status.reason }
        return nil
    }

    @Test("every call before hello is refused with hello_required; hello opens the session")
    func helloFirst() {
        var session = Self.session()
        #expect(Self.refusal(session.frameReceived(Self.request(1, Self.read.name))) == "hello_required")
        guard case .hello(callID: 2) = session.frameReceived(Self.request(2, LicitMethod.hello)) else {
            Issue.record("hello not answered")
            return
        }
        #expect(
            Self.refusal(session.frameReceived(Self.request(3, Self.read.name))) == "hello_required",
            "until hello is accepted"
        )
        session.helloAccepted()
        guard case .run(let call) = session.frameReceived(Self.request(3, Self.read.name)) else {
            Issue.record("call after hello did not run")
            return
        }
        #expect(call.callID == 3)
    }

    @Test("an unknown method is UNIMPLEMENTED")
    func unknownMethod() {
        var session = Self.openSession()
        let action = session.frameReceived(Self.request(2, "licit.v1.Nope/Nothing"))
        guard case .deny(_, let status) = action else { Issue.record("not denied"); return }
        #expect(status.code == .unimplemented)
        #expect(status.reason == "unknown_method")
    }

    @Test("a role not listed for a method is denied (deny by default)")
    func roleDenied() {
        var session = Self.openSession(role: .viewer)
        let action = session.frameReceived(Self.request(2, Self.write.name, requestID: "r-1"))
        guard case .deny(_, let status) = action else { Issue.record("not denied"); return }
        #expect(status.code == .permissionDenied)
        #expect(status.reason == "role_not_permitted")
        #expect(session.callsInFlight.isEmpty)
    }

    @Test(
        "writes need a well-formed request id",
        arguments: [
            ("", "request_id_required"),
            (String(repeating: "a", count: 65), "invalid_request_id"),
            ("has space", "invalid_request_id"),
            ("ünicode", "invalid_request_id"),
        ]
    )
    func requestIDRules(requestID: String, reason: String) {
        var session = Self.openSession()
        #expect(Self.refusal(session.frameReceived(Self.request(2, Self.write.name, requestID: requestID))) == reason)
    }

    @Test("a 64-character request id of the allowed alphabet is accepted")
    func longestRequestID() {
        var session = Self.openSession()
        let requestID = String(repeating: "aZ0._:-", count: 9) + "a"
        #expect(requestID.count == 64)
        guard case .run = session.frameReceived(Self.request(2, Self.write.name, requestID: requestID)) else {
            Issue.record("not run")
            return
        }
    }

    @Test("the calls-in-flight limit admits exactly the limit, refuses one more, and frees a slot on finish")
    func callsInFlight() {
        var session = Self.openSession(maxCallsInFlight: 2)
        guard case .run = session.frameReceived(Self.request(2, Self.read.name)),
            case .run = session.frameReceived(Self.request(3, Self.read.name))
        else {
            Issue.record("calls under the limit did not run")
            return
        }
        #expect(Self.refusal(session.frameReceived(Self.request(4, Self.read.name))) == "too_many_calls_in_flight")
        session.callFinished(2)
        guard case .run = session.frameReceived(Self.request(5, Self.read.name)) else {
            Issue.record("a freed slot was not reused")
            return
        }
    }

    @Test("protocol violations close the connection with a GoAway naming them")
    func violations() {
        var session = Self.openSession()
        #expect(Self.closeReason(session.frameReceived(Self.request(0, Self.read.name))) == "invalid_call_id")
        var duplicate = Self.openSession()
        _ = duplicate.frameReceived(Self.request(2, Self.read.name))
        #expect(Self.closeReason(duplicate.frameReceived(Self.request(2, Self.read.name))) == "duplicate_call_id")
        var kinds = Self.openSession()
        #expect(Self.closeReason(kinds.frameReceived(.response(callID: 2, status: .ok))) == "unexpected_frame_kind")
        #expect(
            Self.closeReason(kinds.frameReceived(.event(callID: 2, sequence: 1, payload: Data())))
                == "unexpected_frame_kind"
        )
        #expect(Self.closeReason(kinds.frameReceived(Licit_V1_Frame())) == "empty_frame")
    }

    @Test("a frame of a kind added to v1 later is ignored, not a violation")
    func unknownKind() throws {
        var session = Self.openSession()
        let future = try Licit_V1_Frame(serializedBytes: [0x08, 0x05, 0x7A, 0x02, 0x08, 0x01] as [UInt8])  // field 15
        #expect(future.kind == nil)
        guard case .none = session.frameReceived(future) else {
            Issue.record("an unknown frame kind was acted on")
            return
        }
    }

    @Test("a ping is answered with a pong carrying the same value, even before hello")
    func ping() {
        var session = Self.session()
        guard case .reply(let frame) = session.frameReceived(.ping(opaque: 42)) else {
            Issue.record("no pong")
            return
        }
        #expect(frame.pong.opaque == 42)
    }

    @Test("a cancel for a call in flight cancels it; for any other id it is ignored")
    func cancel() {
        var session = Self.openSession()
        _ = session.frameReceived(Self.request(2, Self.read.name))
        guard case .cancel(callID: 2) = session.frameReceived(.cancel(callID: 2)) else {
            Issue.record("cancel not passed on")
            return
        }
        guard case .none = session.frameReceived(.cancel(callID: 99)) else {
            Issue.record("cancel of an unknown call acted")
            return
        }
    }

    @Test(
        "deadlines: none asked gives the default (none for subscriptions); longer than the maximum is shortened",
        arguments: [
            (UInt32(0), false, Duration?.some(.seconds(30))),
            (UInt32(0), true, nil),
            (UInt32(1500), false, .milliseconds(1500)),
            (UInt32(90_000), false, .seconds(60)),
        ]
    )
    func deadlines(timeoutMs: UInt32, subscription: Bool, expected: Duration?) {
        var session = Self.openSession()
        let method = subscription ? Self.watch.name : Self.read.name
        guard case .run(let call) = session.frameReceived(Self.request(2, method, timeoutMs: timeoutMs)) else {
            Issue.record("not run")
            return
        }
        #expect(call.timeout == expected)
    }

    @Test(
        "draining sends a GoAway naming the last call, refuses new calls, and is idle once calls finish and their responses are out"
    )
    func draining() {
        var session = Self.openSession()
        _ = session.frameReceived(Self.request(5, Self.read.name))
        let goAway = session.drainRequested()
        #expect(goAway.goaway.lastCallID == 5)
        #expect(goAway.goaway.status.reason == "shutting_down")
        guard case .reply(let refusal) = session.frameReceived(Self.request(6, Self.read.name)) else {
            Issue.record("new call during drain not refused")
            return
        }
        #expect(refusal.response.status.code == .unavailable)
        #expect(!session.isIdleAfterDrain)
        session.callFinished(5)
        // The id is free, but the response is not written yet: closing now would lose it.
        #expect(!session.isIdleAfterDrain)
        session.responseSent()
        #expect(session.isIdleAfterDrain)
    }
}
