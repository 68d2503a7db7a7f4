import Foundation
import LicitModel

/// A training sandbox's clock, moved forward by its board admins. Any other exchange refuses.
extension Exchange {
    /// Where the clock is, how fast it runs, and how many documents moving it changed.
    public struct ClockReading: Sendable {
        public let now: Date
        public let rate: Double
        public let swept: Int
    }

    /// 10000-01-01T00:00:00Z.
    static let lastInstant = Date(timeIntervalSince1970: 253_402_300_800)

    public func clockReading() throws -> ClockReading {
        let clock = try self.sandboxClock()
        return ClockReading(now: clock.now, rate: clock.rate, swept: 0)
    }

    /// Moves the clock forward by `seconds` and runs it at `rate` exchange seconds per real
    /// second from now on (nil: as it runs), then sweeps what the move made due.
    public func setClock(
        advancedBy seconds: Int64,
        rate: Double?,
        by caller: Caller,
        payload: Data
    ) async throws -> ClockReading {
        let clock = try self.sandboxClock()
        guard seconds >= 0 else { throw ExchangeError("invalid_clock", "the exchange's clock only moves forward") }
        // Past the year 9999 a day has no ISO date, and far enough out the exchange's millisecond
        // and day counts overflow (and trap).
        guard Double(seconds) < Self.lastInstant.timeIntervalSince(clock.now) else {
            throw ExchangeError("invalid_clock", "the exchange's clock cannot pass the end of the year 9999")
        }
        guard rate.map({ (1...100_000).contains($0) }) ?? true else {
            throw ExchangeError("invalid_clock", "the rate is 1 to 100000 exchange seconds per real second")
        }
        let subject = "advance \(seconds) s, rate \(rate ?? clock.rate)"
        _ = try await self.write(caller, action: "sandbox.clock", subject: subject, payload: payload) { transaction in
            // From the setting the store holds, so that two moves one after the other both count.
            let setting = clock.setting(
                advancedBy: TimeInterval(seconds),
                rate: rate,
                from: try transaction.sandboxClock()
            )
            try transaction.put(setting)
            return Data()
        }
        // The clock runs on what the store holds: a retried SetClock (answered from its first
        // time) leaves it where that one put it.
        if let stored = try await self.storage.read({ try $0.sandboxClock() }) { clock.apply(stored) }
        let swept = try await ExpirySweep(exchange: self).run()
        return ClockReading(now: clock.now, rate: clock.rate, swept: swept)
    }

    private func sandboxClock() throws -> SandboxClock {
        guard let clock = self.clock as? SandboxClock else {
            throw ExchangeError(
                "not_a_sandbox",
                "only a training sandbox's clock can be moved; this exchange keeps real time"
            )
        }
        return clock
    }
}
