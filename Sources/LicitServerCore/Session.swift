import LicitExchange
import LicitWire

/// The protocol state of one connection, as a value: frames in, actions out. No I/O.
///
/// It decides everything that does not need the handlers: the hello rule, call-id hygiene,
/// the calls-in-flight limit, method lookup and role checks, deadlines and draining.
struct Session {
    enum Phase: Equatable {
        case awaitingHello
        case open
        case draining
    }

    /// A call that passed every check and should now run.
    struct Call {
        let callID: UInt64
        let handler: MethodHandler
        let request: Licit_V1_Request
        let timeout: Duration?
    }

    enum Action {
        case none
        /// Answer at once on the connection; no handler runs.
        case reply(Licit_V1_Frame)
        /// A request refused before any handler ran: answer it and record the denial.
        case deny(Licit_V1_Frame, LicitStatus)
        case hello(callID: UInt64)
        case run(Call)
        case cancel(callID: UInt64)
        /// A protocol violation: send this GoAway and close.
        case close(Licit_V1_Frame)
    }

    private(set) var phase: Phase = .awaitingHello
    private(set) var callsInFlight: Set<UInt64> = []
    /// Calls whose response has not been handed to the connection yet: a draining connection
    /// closes only once this is zero (a call id is freed before its response is written).
    private(set) var responsesPending = 0
    private(set) var lastCallID: UInt64 = 0
    let limits: ServerLimits
    let registry: MethodRegistry
    let role: Role

    init(limits: ServerLimits, registry: MethodRegistry, role: Role) {
        self.limits = limits
        self.registry = registry
        self.role = role
    }

    var isIdleAfterDrain: Bool {
        self.phase == .draining && self.callsInFlight.isEmpty && self.responsesPending == 0
    }

    mutating func frameReceived(_ frame: Licit_V1_Frame) -> Action {
        switch frame.kind {
        case .request(let request):
            return self.requestReceived(request, callID: frame.callID)
        case .cancel:
            return self.callsInFlight.contains(frame.callID) ? .cancel(callID: frame.callID) : .none
        case .ping(let ping):
            return .reply(.pong(opaque: ping.opaque))
        case .pong, .goaway:
            return .none
        case .response, .event:
            return self.violation("unexpected_frame_kind", "a client may not send responses or events")
        case nil where !frame.unknownFields.data.isEmpty:
            // A kind added to v1 after this server was built: ignored, as additive evolution requires.
            return .none
        case nil:
            return self.violation("empty_frame", "the frame carries no kind")
        }
    }

    /// Hello was answered OK: other methods may now be called.
    mutating func helloAccepted() {
        if self.phase == .awaitingHello { self.phase = .open }
    }

    /// A refused call stays in flight until its refusal, once audited, is written.
    mutating func refusalHeld(_ callID: UInt64) {
        self.callsInFlight.insert(callID)
        self.responsesPending += 1
    }

    /// The call's response has been written (or the call abandoned).
    mutating func callFinished(_ callID: UInt64) {
        self.callsInFlight.remove(callID)
    }

    /// The response of a call started with `.run` has been written.
    mutating func responseSent() {
        self.responsesPending -= 1
    }

    /// Stop accepting calls; returns the GoAway to send.
    mutating func drainRequested() -> Licit_V1_Frame {
        self.phase = .draining
        let status = LicitStatus(
            .ok,
            reason: "shutting_down",
            message: "the exchange is shutting down; calls up to \(self.lastCallID) will be answered, then reconnect"
        )
        return .goAway(status: status, lastCallID: self.lastCallID)
    }

    private mutating func requestReceived(_ request: Licit_V1_Request, callID: UInt64) -> Action {
        guard callID != 0 else {
            return self.violation("invalid_call_id", "call id 0 is reserved for connection frames")
        }
        guard !self.callsInFlight.contains(callID) else {
            return self.violation("duplicate_call_id", "call id \(callID) is already in flight")
        }
        if self.phase == .draining {
            return .reply(
                .response(
                    callID: callID,
                    status: Self.refusal(
                        .unavailable,
                        "draining",
                        "the exchange is shutting down; retry on a new connection"
                    )
                )
            )
        }
        // Every request from here on is answered (run or refused): it counts for GoAway.last_call_id.
        self.lastCallID = max(self.lastCallID, callID)
        if request.method == LicitMethod.hello {
            return .hello(callID: callID)
        }
        guard self.phase == .open else {
            return self.refuse(
                callID,
                .failedPrecondition,
                "hello_required",
                "call \(LicitMethod.hello) before any other method",
                details: ["method": request.method]
            )
        }
        guard let handler = self.registry[request.method] else {
            return self.refuse(callID, .unimplemented, "unknown_method", "no method named \(request.method)")
        }
        guard handler.allowedRoles.contains(self.role) else {
            return self.refuse(
                callID,
                .permissionDenied,
                "role_not_permitted",
                "the \(self.role.rawValue) role may not call \(request.method)",
                details: [
                    "role": self.role.rawValue,
                    "allowed_roles": handler.allowedRoles.map(\.rawValue).sorted().joined(separator: ","),
                ]
            )
        }
        if handler.isWrite || !request.requestID.isEmpty {
            if let problem = RequestIDRule.problem(with: request.requestID, required: handler.isWrite) {
                return self.refuse(callID, .invalidArgument, problem.reason, problem.message)
            }
        }
        guard self.callsInFlight.count < self.limits.maxCallsInFlight else {
            return self.refuse(
                callID,
                .resourceExhausted,
                "too_many_calls_in_flight",
                "at most \(self.limits.maxCallsInFlight) calls may be in flight on one connection"
            )
        }
        self.callsInFlight.insert(callID)
        self.responsesPending += 1
        return .run(
            Call(callID: callID, handler: handler, request: request, timeout: self.timeout(for: request, handler))
        )
    }

    private func timeout(for request: Licit_V1_Request, _ handler: MethodHandler) -> Duration? {
        guard request.timeoutMs > 0 else {
            return handler.isSubscription ? nil : self.limits.defaultCallTimeout
        }
        return min(.milliseconds(Int64(request.timeoutMs)), self.limits.maxCallTimeout)
    }

    private func refuse(
        _ callID: UInt64,
        _ code: LicitStatus.Code,
        _ reason: String,
        _ message: String,
        details: [String: String] = [:]
    ) -> Action {
        let status = LicitStatus(code, reason: reason, message: message, details: details)
        return .deny(.response(callID: callID, status: status), status)
    }

    private static func refusal(_ code: LicitStatus.Code, _ reason: String, _ message: String) -> LicitStatus {
        LicitStatus(code, reason: reason, message: message)
    }

    private func violation(_ reason: String, _ message: String) -> Action {
        let status = LicitStatus(.invalidArgument, reason: reason, message: message)
        return .close(.goAway(status: status, lastCallID: self.lastCallID))
    }
}

/// Request ids: 1 to 64 characters of [A-Za-z0-9._:-], so that they log and index safely.
enum RequestIDRule {
    static let maxLength = 64

    static func problem(with requestID: String, required: Bool) -> (reason: String, message: String)? {
        if requestID.isEmpty {
            return required ? ("request_id_required", "a write must carry a request id (idempotency key)") : nil
        }
        let valid =
            requestID.utf8.count <= Self.maxLength
            && requestID.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"),
                    UInt8(ascii: ":"), UInt8(ascii: "-"):
                    return true
                default:
                    return false
                }
            }
        return valid ? nil : ("invalid_request_id", "a request id is 1 to 64 characters of A-Z a-z 0-9 . _ : -")
    }
}
