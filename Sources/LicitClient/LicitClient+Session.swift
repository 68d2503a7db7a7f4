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
}
