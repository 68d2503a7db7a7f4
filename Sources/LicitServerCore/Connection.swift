import Foundation
import LicitWire
import Logging
import Synchronization

/// The state shared by the reading loop and the call tasks of one connection.
final class Connection<Outbound: FrameOutbound>: Sendable {
    let runner: ConnectionRunner
    let account: Account
    let outbound: Outbound
    let session: Mutex<Session>
    let cancellations = CallCancellations()
    let logger: Logger

    init(runner: ConnectionRunner, account: Account, outbound: Outbound, session: Session, logger: Logger) {
        self.runner = runner
        self.account = account
        self.outbound = outbound
        self.session = Mutex(session)
        self.logger = logger
    }

    var lastCallID: UInt64 { self.session.withLock { $0.lastCallID } }

    /// Handles one inbound frame; returns `false` when the connection must close.
    func frameReceived(_ frame: Licit_V1_Frame, group: inout DiscardingTaskGroup) async throws -> Bool {
        if self.runner.directory.isRevoked(fingerprint: self.account.certificateFingerprint) {
            await self.close(.certificateRevoked)
            return false
        }
        switch self.session.withLock({ $0.frameReceived(frame) }) {
        case .none:
            return true
        case .reply(let reply):
            try await self.outbound.write(reply)
            return true
        case .deny(let reply, let status):
            self.logger.info(
                "call refused",
                metadata: [
                    "call.id": "\(frame.callID)", "method": "\(frame.request.method)", "reason": "\(status.reason)",
                ]
            )
            try await self.outbound.write(reply)
            return true
        case .hello(let callID):
            try await self.outbound.write(self.helloAnswer(callID: callID, request: frame.request.payload))
            return true
        case .run(let call):
            try await self.start(call, group: &group)
            return true
        case .cancel(let callID):
            self.cancellations.cancel(callID)
            return true
        case .close(let goAway):
            self.logger.info(
                "closing connection after a protocol violation",
                metadata: ["reason": "\(goAway.goaway.status.reason)"]
            )
            try await self.outbound.write(goAway)
            return false
        }
    }

    func close(_ status: LicitStatus) async {
        self.logger.notice("closing connection", metadata: ["reason": "\(status.reason)"])
        try? await self.outbound.write(.goAway(status: status, lastCallID: self.lastCallID))
        self.outbound.close()
    }

    func drain() async {
        let goAway = self.session.withLock { $0.drainRequested() }
        try? await self.outbound.write(goAway)
        self.closeIfDrained()
    }

    private func start(_ call: Session.Call, group: inout DiscardingTaskGroup) async throws {
        let context = self.context(for: call)
        call.handler.metrics.calls.increment()
        if case .inline(let body) = call.handler.body {
            let started = ContinuousClock.now
            let frame = self.outcome(of: call) { try body(context, call.request.payload) }
            call.handler.metrics.duration.record(duration: started.duration(to: .now))
            self.session.withLock { $0.callFinished(call.callID) }
            try await self.outbound.write(frame)
            self.closeIfDrained()
            return
        }
        let cancelled = self.cancellations.register(call.callID)
        group.addTask {
            let started = ContinuousClock.now
            let frame = await CallExecution(call: call, context: context, connection: self).run(cancelled: cancelled)
            call.handler.metrics.duration.record(duration: started.duration(to: .now))
            // The id is free before the response leaves, so a client may reuse it as soon as it reads it.
            self.cancellations.remove(call.callID)
            self.session.withLock { $0.callFinished(call.callID) }
            try? await self.outbound.write(frame)
            self.closeIfDrained()
        }
    }

    func outcome(of call: Session.Call, _ body: () throws -> Data) -> Licit_V1_Frame {
        do {
            return .response(callID: call.callID, status: .ok, payload: try body())
        } catch {
            return .response(callID: call.callID, status: self.status(for: error, call: call))
        }
    }

    /// The one place a handler's error becomes a wire status; internal details never leave.
    func status(for error: any Error, call: Session.Call) -> LicitStatus {
        call.handler.metrics.failures.increment()
        if let status = error as? LicitStatus { return status }
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

    private func closeIfDrained() {
        if self.session.withLock({ $0.isIdleAfterDrain }) { self.outbound.close() }
    }

    private func context(for call: Session.Call) -> CallContext {
        var logger = self.logger
        logger[metadataKey: "call.id"] = "\(call.callID)"
        logger[metadataKey: "method"] = "\(call.request.method)"
        if !call.request.requestID.isEmpty { logger[metadataKey: "request.id"] = "\(call.request.requestID)" }
        return CallContext(
            account: self.account,
            callID: call.callID,
            method: call.request.method,
            requestID: call.request.requestID,
            deadline: call.timeout.map { ContinuousClock.now.advanced(by: $0) },
            logger: logger
        )
    }

    /// Answers hello: the recognised account and the limits, if the client speaks version 1.
    private func helloAnswer(callID: UInt64, request payload: Data) throws -> Licit_V1_Frame {
        guard let hello = try? Licit_V1_HelloRequest(licitPayload: payload) else {
            let status = LicitStatus(
                .invalidArgument,
                reason: "malformed_payload",
                message: "the hello payload is not a valid licit.v1.HelloRequest"
            )
            return .response(callID: callID, status: status)
        }
        guard hello.protocolVersion == FrameLimits.protocolVersion else {
            let status = LicitStatus(
                .failedPrecondition,
                reason: "unsupported_protocol_version",
                message:
                    "this exchange speaks protocol version \(FrameLimits.protocolVersion), not \(hello.protocolVersion)",
                details: ["supported_version": "\(FrameLimits.protocolVersion)"]
            )
            return .response(callID: callID, status: status)
        }
        self.logger.debug("hello", metadata: ["client": "\(hello.clientName)"])
        self.session.withLock { $0.helloAccepted() }
        return .response(callID: callID, status: .ok, payload: try self.helloPayload())
    }

    private func helloPayload() throws -> Data {
        let limits = self.runner.limits
        let response = Licit_V1_HelloResponse.with {
            $0.protocolVersion = FrameLimits.protocolVersion
            $0.account = self.account.wire
            $0.serverTimeMs = Int64(self.runner.clock.now.timeIntervalSince1970 * 1000)
            $0.serverName = self.runner.serverName
            $0.limits = .with {
                $0.maxFrameBytes = UInt32(clamping: limits.maxFrameBytes)
                $0.maxCallsInFlight = UInt32(clamping: limits.maxCallsInFlight)
                $0.defaultTimeoutMs = limits.defaultCallTimeout.wholeMilliseconds
                $0.maxTimeoutMs = limits.maxCallTimeout.wholeMilliseconds
                $0.idleTimeoutMs = limits.idleTimeout.wholeMilliseconds
            }
        }
        return try response.serializedData()
    }
}
