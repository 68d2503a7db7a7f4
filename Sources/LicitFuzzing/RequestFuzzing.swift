import Foundation
import LicitExchange
import LicitServerCore
import LicitWire
import Synchronization

/// The request fuzzer: one input is one request to an exchange, handled as `licitd` handles it.
///
/// An input is
///
/// | Byte | Meaning |
/// |---|---|
/// | 0 | The caller: one of ``FuzzAccounts/all`` (modulo their count) |
/// | 1 | The method: one of ``RequestCatalogue/methods``, or a method no server has (modulo their count + 1) |
/// | 2 | Flags: bits 0–1 the request id (fresh, none, one fixed id shared by all inputs, malformed); bits 2–3 how the call ends (answered; cancelled at once; the connection drained at once; a 1 ms deadline); bit 4 skips Hello; bit 5 sends the request again, same request id, once answered |
/// | 3… | The payload, which the handler decodes with ``FrameLimits/decodingOptions`` |
///
/// The request travels the server's path: encoded by ``FrameEncoder``, decoded by the server's
/// ``FrameDecoder``, then handed to a `ServerConnection` of the world's exchange (``FuzzWorld``)
/// after a Hello, which checks it and runs its handler from the daemon's registry. A subscription
/// that is still open once its backlog is sent is cancelled (or drained) by the next frame.
///
/// It is a finding if the exchange crashes, does not answer within 5 s, or answers other than
/// with exactly one well-formed Response per request: a known status (not INTERNAL) with a
/// snake_case reason, or OK with the method's response message; events only on a subscription,
/// in sequence order, before its response. A drained connection sends its GoAway and closes.
/// A write sent twice with the same request id and payload answers the same both times.
public enum RequestFuzzing {
    /// libFuzzer's entry: traps on a finding.
    public static func run(_ bytes: UnsafeRawBufferPointer) {
        let input = bytes.fuzzBytes
        trapOnFinding { () throws(FuzzFinding) in try Self.check(input) }
    }

    /// Runs one input; throws what it found. Blocks until the exchange has answered: call it
    /// from a thread of your own, not from a task.
    public static func check(_ bytes: [UInt8]) throws(FuzzFinding) {
        let input = RequestInput(bytes)
        let world = try FuzzWorld.forNextInput()
        defer { world.restoreAccounts() }
        try Exchange(world: world, input: input).run()
    }

    /// A well-formed HelloRequest for protocol version 1.
    public static let helloPayload = try! Licit_V1_HelloRequest.with {
        $0.protocolVersion = FrameLimits.protocolVersion
        $0.clientName = "licit-fuzz"
    }.serializedData()

    /// Writes whose answer to a repeated request (same request id, same payload) is known to
    /// differ from the first, against PROTOCOL §13: a finding of the fuzzer (kept in
    /// Fuzz/Regressions/fuzz-requests), not checked again until fixed. Remove the entry with the fix.
    static let replayExemptions: [String: String] = [
        // Answers with the clock as it is now and what this call's sweep moved, computed after
        // the write: a repeat answers a later time, and swept 0.
        LicitMethod.Sandbox.setClock: "ClockResponse is made after the write, not stored with it"
    ]

    static let tracing = ProcessInfo.processInfo.environment["LICIT_FUZZ_TRACE"] == "1"

    /// Counts inputs, for fresh request ids.
    private static let counter = Counter()

    final class Counter: Sendable {
        private let value = Mutex(0)
        func next() -> Int {
            self.value.withLock { value in
                value += 1
                return value
            }
        }
    }

    /// One input's conversation and what must hold of it.
    struct Exchange {
        let world: FuzzWorld
        let input: RequestInput
        let account: Account
        let method: String
        let handler: MethodHandler?
        let conversation: Conversation

        init(world: FuzzWorld, input: RequestInput) {
            self.world = world
            self.input = input
            self.account = FuzzAccounts.all[Int(input.account) % FuzzAccounts.all.count]
            self.method = RequestCatalogue.method(input.method)
            self.handler = world.server.registry[self.method]
            self.conversation = Conversation(world: world, account: self.account)
        }

        var isSubscription: Bool { self.handler?.isSubscription ?? false }

        func run() throws(FuzzFinding) {
            var sent: [UInt64] = []
            if !self.input.skipHello {
                let hello = Licit_V1_Frame.request(callID: 1, method: LicitMethod.hello, payload: helloPayload)
                try expect(self.conversation.deliver(hello) == .handled, "Hello was not answered at once")
                let answer = try self.conversation.response(to: 1)
                try expect(answer.status.code == .ok, "a well-formed Hello answered \(answer.status)")
                sent.append(1)
            }
            let requestID = self.requestID()
            let request = Licit_V1_Frame.request(
                callID: 2,
                method: self.method,
                payload: Data(self.input.payload),
                timeoutMilliseconds: self.input.ending == .deadline ? 1 : 0,
                requestID: requestID
            )
            // As the server receives it; a request over the frame limit never reaches a handler.
            guard let received = try Self.transported(request) else { return }
            let outcome = self.conversation.deliver(received)
            if outcome != .closed { sent.append(2) }
            switch self.input.ending {
            case .cancel:
                self.conversation.deliver(.cancel(callID: 2))
            case .drain where outcome != .closed:
                self.conversation.drain()
            case .answer where outcome == .started && self.isSubscription:
                // A subscription stays open: let it send its backlog, then cancel it.
                if (try? self.conversation.response(to: 2, within: .milliseconds(2))) == nil {
                    self.conversation.deliver(.cancel(callID: 2))
                }
            case .answer, .deadline, .drain:
                break
            }
            // Once the connection has closed, what is still running need not be answered.
            let first = self.conversation.closedWith == nil ? try self.conversation.response(to: 2) : nil
            if self.input.ending == .drain, self.conversation.closedWith == nil {
                try self.conversation.wait(for: "a drained connection sent no GoAway or did not close") {
                    frames,
                    closed in
                    closed && frames.contains { $0.callID == 0 && $0.goaway.status.reason == "shutting_down" }
                }
            }
            if self.input.repeatRequest, self.input.ending == .answer, !self.isSubscription, let first,
                self.conversation.closedWith == nil
            {
                var again = received
                again.callID = 3
                if self.conversation.deliver(again) != .closed {
                    sent.append(3)
                    let second = try self.conversation.response(to: 3)
                    if self.handler?.isWrite == true, first.status.code == .ok,
                        RequestFuzzing.replayExemptions[self.method] == nil
                    {
                        try expect(
                            second.status.code == .ok && second.payload == first.payload,
                            """
                            \(self.method) with request id \(requestID) applied once answered differently \
                            when sent again with the same payload: \(second.status)
                            """
                        )
                    }
                }
            }
            try self.conversation.finish()
            if RequestFuzzing.tracing { self.trace() }
            try self.checkFrames(sent: sent)
        }

        /// One line per frame the exchange wrote, on standard error (LICIT_FUZZ_TRACE=1).
        func trace() {
            var lines = ["\(self.account.name) → \(self.method) [\(self.input)]"]
            for frame in self.conversation.outbound.frames {
                switch frame.kind {
                case .response(let response):
                    let status = response.status
                    lines.append(
                        "  call \(frame.callID): \(status.code)\(status.reason.isEmpty ? "" : " / \(status.reason)")"
                            + (status.message.isEmpty ? "" : ": \(status.message)")
                    )
                case .event(let event):
                    lines.append("  call \(frame.callID): event \(event.sequence)")
                case .goaway(let goAway):
                    lines.append(
                        "  GoAway \(goAway.status.code) / \(goAway.status.reason), last call \(goAway.lastCallID)"
                    )
                default:
                    lines.append("  \(FrameFuzzing.kindName(frame))")
                }
            }
            FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        }

        func requestID() -> String {
            switch self.input.requestID {
            case .fresh: "fuzz-\(RequestFuzzing.counter.next())"
            case .none: ""
            case .fixed: "fuzz-fixed-request-id"
            case .malformed: "not a request id!"
            }
        }

        /// Every frame written, checked against PROTOCOL §5–6.
        func checkFrames(sent: [UInt64]) throws(FuzzFinding) {
            let frames = self.conversation.outbound.frames
            var answered: Set<UInt64> = []
            var lastSequence: UInt64 = 0
            for (index, frame) in frames.enumerated() {
                let what =
                    "frame \(index) written (\(FrameFuzzing.kindName(frame)), call \(frame.callID)) for \(self.method) as \(self.account.name)"
                try WireChecks.roundTrip(frame, what)
                switch frame.kind {
                case .response(let response):
                    try expect(sent.contains(frame.callID), "\(what): a response to a call never made")
                    try expect(answered.insert(frame.callID).inserted, "\(what): a second response to the call")
                    try WireChecks.status(response.status, what)
                    try self.checkPayload(response, callID: frame.callID, what)
                case .event(let event):
                    try expect(
                        frame.callID == 2 && self.isSubscription,
                        "\(what): an event on a call that is not a subscription"
                    )
                    try expect(!answered.contains(2), "\(what): an event after the subscription's response")
                    try expect(
                        event.sequence > lastSequence,
                        "\(what): event sequence \(event.sequence) after \(lastSequence)"
                    )
                    lastSequence = event.sequence
                    if let type = RequestCatalogue.events[self.method] {
                        _ = try WireChecks.decode(type, event.payload, what)
                    }
                case .goaway(let goAway):
                    try expect(frame.callID == 0, "\(what): a GoAway on a call")
                    try WireChecks.status(goAway.status, what)
                    if goAway.status.code == .ok {
                        try expect(
                            self.input.ending == .drain && goAway.status.reason == "shutting_down",
                            "\(what): an OK GoAway (\(goAway.status.reason)) that nobody asked for"
                        )
                        try expect(
                            goAway.lastCallID >= sent.filter { $0 <= 2 }.max() ?? 0,
                            "\(what): last_call_id \(goAway.lastCallID) leaves out a call that was answered"
                        )
                    }
                default:
                    throw FuzzFinding("\(what): the server sent a \(FrameFuzzing.kindName(frame)) frame")
                }
            }
            if self.conversation.closedWith == nil {
                // Only a protocol violation closes a connection with calls still running.
                let late = self.conversation.outbound.lateFrames
                try expect(
                    late.isEmpty,
                    "\(late.count) frames written after the connection closed, first \(late.first.map(FrameFuzzing.kindName) ?? "")"
                )
            }
            for callID in sent where !answered.contains(callID) && self.conversation.closedWith == nil {
                throw FuzzFinding("call \(callID) (\(self.method)) was never answered")
            }
        }

        func checkPayload(_ response: Licit_V1_Response, callID: UInt64, _ what: String) throws(FuzzFinding) {
            guard response.status.code == .ok else { return }
            let method = callID == 1 ? LicitMethod.hello : self.method
            if method == LicitMethod.hello {
                let hello = try WireChecks.decode(Licit_V1_HelloResponse.self, response.payload, what)
                try expect(
                    hello.protocolVersion == FrameLimits.protocolVersion && hello.account == self.account.wire,
                    "\(what): hello answered \(hello)"
                )
            } else if let type = RequestCatalogue.responses[method] {
                _ = try WireChecks.decode(type, response.payload, what)
            } else {
                try expect(
                    RequestCatalogue.events[method] != nil,
                    "\(what): \(method) answered OK, and the catalogue does not know what it answers"
                )
            }
        }

        /// `frame` as the server's decoder hands it on; `nil` when it is over the frame limit.
        static func transported(_ frame: Licit_V1_Frame) throws(FuzzFinding) -> Licit_V1_Frame? {
            let bytes = try framedBytes(frame)
            guard bytes.count - 4 <= FrameFuzzing.maxFrameBytes else { return nil }
            let decoded = try FrameFuzzing.decode(bytes, chunks: [bytes.count])
            try expect(
                decoded.frames == [frame] && decoded.error == nil,
                "a request did not survive the frame codec: \(decoded.outcome)"
            )
            return frame
        }
    }
}

/// One request-fuzzer input, parsed (see ``RequestFuzzing``).
public struct RequestInput: Sendable, Equatable {
    public enum RequestID: UInt8, Sendable, CaseIterable {
        case fresh, none, fixed, malformed
    }

    public enum Ending: UInt8, Sendable, CaseIterable {
        case answer, cancel, drain, deadline
    }

    public var account: UInt8
    public var method: UInt8
    public var requestID: RequestID
    public var ending: Ending
    public var skipHello: Bool
    public var repeatRequest: Bool
    public var payload: [UInt8]

    public init(_ bytes: [UInt8]) {
        func byte(_ index: Int) -> UInt8 { index < bytes.count ? bytes[index] : 0 }
        let flags = byte(2)
        self.account = byte(0)
        self.method = byte(1)
        self.requestID = RequestID(rawValue: flags & 0b11)!
        self.ending = Ending(rawValue: (flags >> 2) & 0b11)!
        self.skipHello = flags & 0x10 != 0
        self.repeatRequest = flags & 0x20 != 0
        self.payload = Array(bytes.dropFirst(3))
    }

    /// An input calling `method` as `account` (by name) with `payload`.
    public init(
        account: String,
        method: String,
        payload: Data,
        requestID: RequestID,
        ending: Ending = .answer,
        skipHello: Bool = false,
        repeatRequest: Bool = false
    ) {
        self.account = FuzzAccounts.index(of: account)
        self.method = RequestCatalogue.byte(for: method)
        self.requestID = requestID
        self.ending = ending
        self.skipHello = skipHello
        self.repeatRequest = repeatRequest
        self.payload = Array(payload)
    }

    public var bytes: [UInt8] {
        let flags =
            self.requestID.rawValue | self.ending.rawValue << 2 | (self.skipHello ? 0x10 : 0)
            | (self.repeatRequest ? 0x20 : 0)
        return [self.account, self.method, flags] + self.payload
    }

    /// The method this input calls.
    public var methodName: String { RequestCatalogue.method(self.method) }
}

extension RequestInput: CustomStringConvertible {
    public var description: String {
        var flags = ["request id \(self.requestID)", "ends by \(self.ending)"]
        if self.skipHello { flags.append("no hello") }
        if self.repeatRequest { flags.append("repeated") }
        return (flags + ["\(self.payload.count)-byte payload"]).joined(separator: ", ")
    }
}
