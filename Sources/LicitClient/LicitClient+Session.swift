import Foundation
import LicitWire

extension LicitClient {
    /// Returns `data` as the exchange echoes it: the cheapest round trip.
    public func echo(_ data: Data, timeout: Duration? = nil) async throws -> Data {
        let request = Licit_V1_EchoRequest.with { $0.data = data }
        let payload = try await self.call(
            method: LicitMethod.echo,
            payload: try request.serializedData(),
            timeout: timeout
        )
        return try Licit_V1_EchoResponse(licitPayload: payload).data
    }

    /// The time on the exchange's clock (which decides validity and expiry, and which a training
    /// sandbox may run ahead of real time), as of the connection's hello; connects first if needed.
    public func exchangeTime() async throws -> Date {
        try await self.connection().exchangeTime ?? Date()
    }

    /// The account the exchange recognised from the certificate, connecting first if needed.
    public func recognisedAccount() async throws -> RecognisedAccount {
        guard let account = try await self.connection().account else {
            throw LicitClientError(.protocolViolation, "the exchange opened the session without naming the account")
        }
        return account
    }
}
