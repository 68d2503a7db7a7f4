import Foundation
import LicitWire

extension ServerConnection {
    /// Answers hello: the recognised account and the limits, if the client speaks version 1.
    func helloAnswer(callID: UInt64, request payload: Data) -> Licit_V1_Frame {
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
        guard !self.account.pendingApproval else {
            let status = LicitStatus(
                .permissionDenied,
                reason: "account_pending_approval",
                message:
                    "\(self.account.name) awaits the Board's approval: a board admin approves it, then connect again"
            )
            return .response(callID: callID, status: status)
        }
        self.logger.debug("hello", metadata: ["client": "\(hello.clientName)"])
        self.session.withLock { $0.helloAccepted() }
        do {
            return .response(callID: callID, status: .ok, payload: try self.helloPayload())
        } catch {
            self.logger.error("hello response not encoded", metadata: ["error": "\(error)"])
            return .response(
                callID: callID,
                status: LicitStatus(.internal, reason: "internal_error", message: "hello failed")
            )
        }
    }

    private func helloPayload() throws -> Data {
        let limits = self.exchange.limits
        let response = Licit_V1_HelloResponse.with {
            $0.protocolVersion = FrameLimits.protocolVersion
            $0.account = self.account.wire
            $0.serverTimeMs = Int64(self.exchange.clock.now.timeIntervalSince1970 * 1000)
            $0.serverName = self.exchange.serverName
            let expiry = self.exchange.faults?.announcedExpiry(of: self.account, actual: self.certificateExpiry)
            $0.certificateExpiresMs =
                (expiry ?? self.certificateExpiry).map { Int64($0.timeIntervalSince1970 * 1000) } ?? 0
            $0.limits = .with {
                $0.maxFrameBytes = UInt32(clamping: limits.maxFrameBytes)
                $0.maxCallsInFlight = UInt32(clamping: limits.maxCallsInFlight)
                $0.defaultTimeoutMs = limits.defaultCallTimeout.wireMilliseconds
                $0.maxTimeoutMs = limits.maxCallTimeout.wireMilliseconds
                $0.idleTimeoutMs = limits.idleTimeout.wireMilliseconds
            }
        }
        return try response.serializedData()
    }
}
