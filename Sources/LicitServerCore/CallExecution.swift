import Foundation
import LicitWire
import Metrics

/// Runs one call in its task, stopped by its deadline, its Cancel frame or a drain (``CallControl``).
struct CallExecution: Sendable {
    let call: Session.Call
    let context: CallContext
    let connection: ServerConnection

    /// Returns the frame that ends the call: the handler's, or the interruption's that came first.
    func run(control: CallControl) async -> Licit_V1_Frame {
        let timer = self.context.deadline.map { deadline in
            let timer = DispatchWorkItem { control.interrupt(.deadlineExceeded) }
            let (seconds, attoseconds) = ContinuousClock.now.duration(to: deadline).components
            let nanoseconds = max(0, seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
            DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(Int(nanoseconds)), execute: timer)
            return timer
        }
        defer { timer?.cancel() }
        let (frame, interruption) = await control.run { await self.runHandler() }
        switch interruption {
        case nil:
            return frame
        case .cancelledByClient:
            self.context.logger.debug("call cancelled by the client")
            return self.end(.cancelled, "cancelled", "the client cancelled the call")
        case .draining:
            return self.end(
                .unavailable,
                "draining",
                "the exchange is shutting down: subscribe again on a new connection, from your cursor"
            )
        case .deadlineExceeded:
            self.context.logger.debug("call deadline exceeded")
            return self.end(.deadlineExceeded, "deadline_exceeded", "the call did not finish before its deadline")
        }
    }

    private func runHandler() async -> Licit_V1_Frame {
        do {
            switch self.call.handler.body {
            case .inline(let body):
                return .response(
                    callID: self.call.callID,
                    status: .ok,
                    payload: try body(self.context, self.call.request.payload)
                )
            case .unary(let body):
                if self.call.handler.isWrite { try await self.waitForTurn() }
                let payload = try await body(self.context, self.call.request.payload)
                return .response(callID: self.call.callID, status: .ok, payload: payload)
            case .subscription(let body):
                let outbound = self.connection.outbound
                let callID = self.call.callID
                // A sandbox's faults, with what they know of the call; nothing to make otherwise.
                let faulted = self.connection.exchange.faults.map {
                    ($0, self.connection.facts(self.call, self.context))
                }
                let sink = EventSink(
                    one: { event in
                        try Task.checkCancellation()
                        let frame = Licit_V1_Frame.event(
                            callID: callID,
                            sequence: event.sequence,
                            payload: event.payload
                        )
                        guard let faulted else { return try await outbound.write(frame) }
                        try await Self.sendFaulted(frame, faulted, outbound)
                    },
                    page: { events in
                        try Task.checkCancellation()
                        let frames = events.map {
                            Licit_V1_Frame.event(callID: callID, sequence: $0.sequence, payload: $0.payload)
                        }
                        guard let faulted else { return try await outbound.write(frames) }
                        for frame in frames {
                            try Task.checkCancellation()
                            try await Self.sendFaulted(frame, faulted, outbound)
                        }
                    }
                )
                Self.subscriptionsOpen.increment()
                defer { Self.subscriptionsOpen.decrement() }
                try await body(self.context, self.call.request.payload, sink)
                return .response(callID: callID, status: .ok)
            }
        } catch {
            return .response(callID: self.call.callID, status: self.connection.status(for: error, call: self.call))
        }
    }

    /// Sends an event with the fault a sandbox plans for it (events are planned one by one).
    private static func sendFaulted(
        _ event: Licit_V1_Frame,
        _ faulted: (any CallFaults, CallFacts),
        _ outbound: any FrameOutbound
    ) async throws {
        let (faults, facts) = faulted
        let sequence = event.event.sequence
        let fault = faults.planEvent(facts, sequence: sequence)
        faults.observe(.eventSent(facts, sequence: sequence, fault: fault))
        if fault == .endSubscription { throw LicitStatus.subscriptionEnded }
        try await outbound.write(event)
        if fault == .duplicate { try await outbound.write(event) }
    }

    /// Waits for the caller's authority's turn to write, or throws `rate_limited`.
    private func waitForTurn() async throws {
        let pacer = self.connection.exchange.writePacer
        switch await pacer.reserve(self.context.account.authority) {
        case .success(let wait) where wait > .zero:
            Self.writesPaced.increment()
            self.context.logger.debug("write paced", metadata: ["wait": "\(wait)"])
            try await Task.sleep(for: wait)
        case .success:
            return
        case .failure(let refusal):
            Self.writesRefused.increment()
            self.context.logger.notice("write refused", metadata: ["reason": "rate_limited"])
            try await Task.sleep(for: pacer.maxWait)
            throw refusal
        }
    }

    static let subscriptionsOpen = Meter(label: "licit_subscriptions_open")
    static let writesPaced = Counter(label: "licit_writes_paced_total")
    static let writesRefused = Counter(label: "licit_writes_rate_limited_total")

    private func end(_ code: LicitStatus.Code, _ reason: String, _ message: String) -> Licit_V1_Frame {
        .response(callID: self.call.callID, status: LicitStatus(code, reason: reason, message: message))
    }
}
