import Foundation
import LicitExchange
import LicitModel
import LicitWire

/// `licit.v1.Sandbox`: the training sandbox's clock, for board admins. Any other exchange refuses.
struct SandboxMethods: Sendable {
    let exchange: Exchange

    var handlers: [MethodHandler] {
        [
            .read(LicitMethod.Sandbox.getClock, [.boardAdmin]) { (_, _: Licit_V1_GetClockRequest) in
                Self.response(try self.exchange.clockReading())
            },
            MethodHandler(
                name: LicitMethod.Sandbox.setClock,
                allowedRoles: [.boardAdmin],
                isWrite: true,
                body: .unary { context, payload in
                    let request = try SessionMethods.decode(Licit_V1_SetClockRequest.self, payload)
                    let reading = try await self.exchange.setClock(
                        advancedBy: request.advanceSeconds,
                        rate: request.rate == 0 ? nil : request.rate,
                        by: context.caller,
                        payload: payload
                    )
                    return try Self.response(reading).serializedData()
                }
            ),
        ]
    }

    private static func response(_ reading: Exchange.ClockReading) -> Licit_V1_ClockResponse {
        .with {
            $0.nowMs = Int64(reading.now.timeIntervalSince1970 * 1000)
            $0.day = Day(reading.now).description
            $0.rate = reading.rate
            $0.swept = UInt32(clamping: reading.swept)
        }
    }
}
