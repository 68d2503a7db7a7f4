import Foundation
import LicitExchange
import LicitModel
import LicitWire
import Logging
import Synchronization

/// The protocol side of one authenticated connection, independent of sockets and TLS.
///
/// The transport hands it each frame with ``frameReceived(_:)``, on the thread that decoded
/// it: cheap calls (hello, echo, refusals, pings) are answered right there with no hop to
/// another thread; the others come back as a ``StartedCall`` for ``run(calls:control:)``,
/// which runs each as a child task bounded by its deadline and stopped by a Cancel frame.
public final class ServerConnection: Sendable {
    let exchange: ExchangeProtocol
    let account: Account
    let certificateExpiry: Date?
    let outbound: any FrameOutbound
    let session: Mutex<Session>
    let cancellations = CallCancellations()
    let logger: Logger
    /// Set once a drain's GoAway is written: the connection may close only after it (a call that
    /// finishes while the GoAway is being written must not close the connection before it).
    let drainAnnounced = Atomic<Bool>(false)
    /// Names the connection in a sandbox's conformance journal.
    let serial = ServerConnection.serials.add(1, ordering: .relaxed).newValue
    private static let serials = Atomic<UInt64>(0)

    init(
        exchange: ExchangeProtocol,
        account: Account,
        certificateExpiry: Date?,
        outbound: any FrameOutbound,
        logger: Logger
    ) {
        self.exchange = exchange
        self.account = account
        self.certificateExpiry = certificateExpiry
        self.outbound = outbound
        self.session = Mutex(Session(limits: exchange.limits, registry: exchange.registry, role: account.role))
        self.logger = logger
    }

    /// What the transport must do with a frame it received.
    public enum FrameDisposition: Sendable {
        case none
        /// Write this frame (flushing may wait for the end of the read burst).
        case reply(Licit_V1_Frame)
        /// Hand this call to ``run(calls:control:)``.
        case start(StartedCall)
        /// Write this GoAway, then close the connection.
        case close(Licit_V1_Frame)
    }

    /// A call that runs as its own task: a method's, or a refusal to audit before it is answered.
    public struct StartedCall: Sendable {
        enum Work: Sendable {
            case call(Session.Call, CallContext, control: CallControl)
            case auditedRefusal(Licit_V1_Frame, LicitStatus, method: String, callID: UInt64)
        }

        let work: Work
    }

    /// The highest call id answered or being answered, for a GoAway.
    public var lastCallID: UInt64 { self.session.withLock { $0.lastCallID } }

    public func frameReceived(_ frame: Licit_V1_Frame) -> FrameDisposition {
        if self.exchange.directory.isRevoked(fingerprint: self.account.certificateFingerprint) {
            self.logger.notice("closing connection", metadata: ["reason": "certificate_revoked"])
            return .close(.goAway(status: .certificateRevoked, lastCallID: self.lastCallID))
        }
        switch self.session.withLock({ $0.frameReceived(frame) }) {
        case .none:
            return .none
        case .reply(let reply):
            if self.exchange.faults != nil, case .response(let response) = reply.kind {
                self.observeRefusal(frame, LicitStatus(wire: response.status))
            }
            return .reply(reply)
        case .deny(let reply, let status):
            self.observeRefusal(frame, status)
            self.logger.info(
                "call refused",
                metadata: [
                    "call.id": "\(frame.callID)", "method": "\(frame.request.method)", "reason": "\(status.reason)",
                ]
            )
            guard status.code == .permissionDenied, self.exchange.onDenial != nil else { return .reply(reply) }
            self.session.withLock { $0.refusalHeld(frame.callID) }
            return .start(
                StartedCall(work: .auditedRefusal(reply, status, method: frame.request.method, callID: frame.callID))
            )
        case .hello(let callID):
            return .reply(self.helloAnswer(callID: callID, request: frame.request.payload))
        case .run(let call):
            return self.start(call)
        case .cancel(let callID):
            self.cancellations.cancel(callID)
            return .none
        case .close(let goAway):
            self.logger.info(
                "closing connection after a protocol violation",
                metadata: ["reason": "\(goAway.goaway.status.reason)"]
            )
            return .close(goAway)
        }
    }

    /// Runs the started calls as child tasks and obeys `control` (drain, close) until `calls`
    /// finishes — the transport finishes it when the connection closes — then cancels what is left.
    public func run(calls: AsyncStream<StartedCall>, control: ConnectionControl) async {
        self.exchange.faults?.observe(.connectionOpened(account: self.account, connection: self.serial))
        defer { self.exchange.faults?.observe(.connectionClosed(account: self.account, connection: self.serial)) }
        await withDiscardingTaskGroup { group in
            defer { group.cancelAll() }
            group.addTask {
                switch await control.requested() {
                case .drain where !Task.isCancelled: await self.drain()
                case .close(let status) where !Task.isCancelled: await self.close(status)
                default: break
                }
            }
            for await started in calls {
                group.addTask { await self.execute(started) }
            }
        }
    }

    private func start(_ call: Session.Call) -> FrameDisposition {
        let context = self.context(for: call)
        call.handler.metrics.calls.increment()
        guard case .inline(let body) = call.handler.body else {
            let control = self.cancellations.register(call.callID, isSubscription: call.handler.isSubscription)
            return .start(StartedCall(work: .call(call, context, control: control)))
        }
        let started = ContinuousClock.now
        let frame: Licit_V1_Frame
        do {
            frame = .response(callID: call.callID, status: .ok, payload: try body(context, call.request.payload))
        } catch {
            frame = .response(callID: call.callID, status: self.status(for: error, call: call))
        }
        call.handler.metrics.duration.record(duration: started.duration(to: .now))
        self.tally(call, frame)
        self.session.withLock {
            $0.callFinished(call.callID)
            $0.responseSent()  // the reply is written on this event loop, before any close
        }
        return .reply(frame)
    }

    private func execute(_ started: StartedCall) async {
        switch started.work {
        case .call(let call, let context, let control):
            await self.execute(call, context, control)
        case .auditedRefusal(let reply, let status, let method, let callID):
            do {
                try await self.exchange.onDenial?(self.account, method, status)
            } catch {
                self.logger.error(
                    "could not audit a refusal",
                    metadata: ["call.id": "\(callID)", "method": "\(method)", "error": "\(error)"]
                )
            }
            self.session.withLock { $0.callFinished(callID) }
            try? await self.outbound.write(reply)
            self.session.withLock { $0.responseSent() }
            self.closeIfDrained()
        }
    }

    private func execute(
        _ call: Session.Call,
        _ context: CallContext,
        _ control: CallControl
    ) async {
        if let faults = self.exchange.faults {
            await self.executeWithFaults(call, context, control, faults)
            return
        }
        let clock = ContinuousClock.now
        let frame = await CallExecution(call: call, context: context, connection: self).run(control: control)
        call.handler.metrics.duration.record(duration: clock.duration(to: .now))
        await self.answer(call, frame)
    }

    /// Sends the frame that ends `call`.
    func answer(_ call: Session.Call, _ frame: Licit_V1_Frame) async {
        self.tally(call, frame)
        // The id is free before the response leaves, so a client may reuse it as soon as it reads it.
        self.cancellations.remove(call.callID)
        self.session.withLock { $0.callFinished(call.callID) }
        try? await self.outbound.write(frame)
        self.session.withLock { $0.responseSent() }
        self.closeIfDrained()
    }

    private func tally(_ call: Session.Call, _ frame: Licit_V1_Frame) {
        guard case .response(let response) = frame.kind else { return }
        self.exchange.registry.tally.record(
            method: call.request.method,
            code: LicitStatus.Code(wire: response.status.code)
        )
    }

    func close(_ status: LicitStatus) async {
        self.logger.notice("closing connection", metadata: ["reason": "\(status.reason)"])
        try? await self.outbound.write(.goAway(status: status, lastCallID: self.lastCallID))
        self.outbound.close()
    }

    func drain() async {
        let goAway = self.session.withLock { $0.drainRequested() }
        try? await self.outbound.write(goAway)
        self.drainAnnounced.store(true, ordering: .sequentiallyConsistent)
        self.cancellations.drainSubscriptions()
        self.closeIfDrained()
    }

    /// The one place a handler's error becomes a wire status; internal details never leave.
    func status(for error: any Error, call: Session.Call) -> LicitStatus {
        call.handler.metrics.failures.increment()
        if let status = error as? LicitStatus { return status }
        if let refusal = error as? ExchangeError {
            if let cause = refusal.cause {
                self.logger.warning(
                    "call refused",
                    metadata: ["call.id": "\(call.callID)", "reason": "\(refusal.reason)", "cause": "\(cause)"]
                )
            }
            return LicitStatus(refusal)
        }
        if error is CancellationError {
            return LicitStatus(.cancelled, reason: "cancelled", message: "the call was cancelled")
        }
        self.logger.error(
            "handler failed",
            metadata: ["call.id": "\(call.callID)", "method": "\(call.request.method)", "error": "\(error)"]
        )
        return LicitStatus(
            .internal,
            reason: "internal_error",
            message: "the exchange could not complete the call; it has been logged"
        )
    }

    func closeIfDrained() {
        guard self.drainAnnounced.load(ordering: .sequentiallyConsistent) else { return }
        if self.session.withLock({ $0.isIdleAfterDrain }) { self.outbound.close() }
    }

    func context(for call: Session.Call) -> CallContext {
        CallContext(
            account: self.account,
            callID: call.callID,
            method: call.request.method,
            requestID: call.request.requestID,
            deadline: call.timeout.map { ContinuousClock.now.advanced(by: $0) },
            connectionLogger: self.logger
        )
    }
}
