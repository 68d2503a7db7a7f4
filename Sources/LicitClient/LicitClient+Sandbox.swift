import Foundation
import LicitWire

/// A training sandbox's clock (board admins; PROTOCOL.md §15.6).
extension LicitClient {
    public func sandboxClock() async throws -> Licit_V1_ClockResponse {
        try await self.unary(LicitMethod.Sandbox.getClock, Licit_V1_GetClockRequest())
    }

    /// Moves the sandbox's clock forward by `advanceSeconds` and/or runs it at `rate` exchange
    /// seconds per real second (0: unchanged); what fell due is swept before the answer.
    public func setSandboxClock(
        advanceSeconds: Int64 = 0,
        rate: Double = 0,
        requestID: String = LicitClient.makeRequestID()
    ) async throws -> Licit_V1_ClockResponse {
        try await self.unary(
            LicitMethod.Sandbox.setClock,
            Licit_V1_SetClockRequest.with {
                $0.advanceSeconds = advanceSeconds
                $0.rate = rate
            },
            requestID: requestID
        )
    }
}
