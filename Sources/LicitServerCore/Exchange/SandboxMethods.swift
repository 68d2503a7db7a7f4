import Foundation
import LicitModel
import LicitWire

/// `licit.v1.Sandbox`: the training sandbox's clock, for board admins. Any other exchange refuses.
struct SandboxMethods: Sendable {
    let exchange: ExchangeContext

    var handlers: [MethodHandler] {
        [
            .read(LicitMethod.Sandbox.getClock, [.boardAdmin]) { (_, _: Licit_V1_GetClockRequest) in
                try self.response(self.clock(), swept: 0)
            },
            MethodHandler(
                name: LicitMethod.Sandbox.setClock,
                allowedRoles: [.boardAdmin],
                isWrite: true,
                body: .unary { context, payload in
                    let request = try SessionMethods.decode(Licit_V1_SetClockRequest.self, payload)
                    return try await self.setClock(request, context: context, payload: payload).serializedData()
                }
            ),
        ]
    }

    /// 10000-01-01T00:00:00Z.
    static let lastInstant = Date(timeIntervalSince1970: 253_402_300_800)

    private func clock() throws -> SandboxClock {
        guard let clock = self.exchange.clock as? SandboxClock else {
            throw ExchangeError(
                "not_a_sandbox",
                "only a training sandbox's clock can be moved; this exchange keeps real time"
            )
        }
        return clock
    }

    private func setClock(
        _ request: Licit_V1_SetClockRequest,
        context: CallContext,
        payload: Data
    ) async throws -> Licit_V1_ClockResponse {
        let clock = try self.clock()
        guard request.advanceSeconds >= 0 else {
            throw ExchangeError("invalid_clock", "the exchange's clock only moves forward")
        }
        // Past the year 9999 a day has no ISO date, and far enough out the exchange's millisecond
        // and day counts overflow (and trap).
        guard Double(request.advanceSeconds) < Self.lastInstant.timeIntervalSince(clock.now) else {
            throw ExchangeError("invalid_clock", "the exchange's clock cannot pass the end of the year 9999")
        }
        guard request.rate == 0 || (1...100_000).contains(request.rate) else {
            throw ExchangeError("invalid_clock", "the rate is 1 to 100000 exchange seconds per real second")
        }
        let subject = "advance \(request.advanceSeconds) s, rate \(request.rate == 0 ? clock.rate : request.rate)"
        _ = try await self.exchange.write(context, action: "sandbox.clock", subject: subject, payload: payload) {
            transaction in
            // From the setting the store holds, so that two moves one after the other both count.
            let setting = clock.setting(
                advancedBy: TimeInterval(request.advanceSeconds),
                rate: request.rate == 0 ? nil : request.rate,
                from: try transaction.sandboxClock()
            )
            try transaction.put(setting)
            return Data()
        }
        // The clock runs on what the store holds: a retried SetClock (answered from its first
        // time) leaves it where that one put it.
        if let stored = try await self.exchange.storage.read({ try $0.sandboxClock() }) { clock.apply(stored) }
        let swept = try await ExpirySweep(exchange: self.exchange).run()
        return try self.response(clock, swept: swept)
    }

    private func response(_ clock: SandboxClock, swept: Int) throws -> Licit_V1_ClockResponse {
        let now = clock.now
        return .with {
            $0.nowMs = Int64(now.timeIntervalSince1970 * 1000)
            $0.day = Day(now).description
            $0.rate = clock.rate
            $0.swept = UInt32(swept)
        }
    }
}
