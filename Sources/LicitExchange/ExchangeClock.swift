import Foundation
import LicitStorage
import Synchronization

/// The exchange's clock: validity, expiry and the time told to clients are decided on it,
/// never on a client's. Injected so tests and the sandbox can move it.
///
/// The clock is state: it never reads earlier than it read before, nor than the latest time a
/// committed write carried (its *floor*, kept by the store), so that a restart or a step back of
/// the machine's clock never dates a new document before an old one.
public protocol ExchangeClock: Sendable {
    var now: Date { get }
}

/// The machine's wall clock, held at or after its floor.
public final class SystemExchangeClock: ExchangeClock {
    private let steady: SteadyReading

    public init(floor: Date = .distantPast) {
        self.steady = SteadyReading(floor: floor)
    }

    public var now: Date { self.steady.reading(Date()) }

    /// The wall clock of an exchange whose store last committed a write at its floor.
    public static func resuming(from storage: any Storage) async throws -> SystemExchangeClock {
        SystemExchangeClock(floor: try await storage.clockFloorDate())
    }
}

/// A sandbox's clock: the wall clock, moved forward by a training authority and run at a chosen
/// rate (60: an exchange minute per real second), so that periods end within a training hour.
/// Its setting is kept in the store (SetClock writes it), so a restart resumes where it was.
public final class SandboxClock: ExchangeClock {
    private let state: Mutex<SandboxClockSetting>
    private let steady: SteadyReading
    /// The machine's time (a simulation passes its own).
    private let realTime: @Sendable () -> Date

    public init(
        start: Date = Date(),
        rate: Double = 1,
        floor: Date = .distantPast,
        realTime: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.realTime = realTime
        self.steady = SteadyReading(floor: floor)
        self.state = Mutex(
            SandboxClockSetting(
                exchangeMilliseconds: start.milliseconds,
                realMilliseconds: realTime().milliseconds,
                rate: rate
            )
        )
    }

    /// The sandbox clock of an exchange, as its store left it: its last setting (or the wall
    /// clock, for a new sandbox), never earlier than the latest write.
    public static func resuming(
        from storage: any Storage,
        realTime: @escaping @Sendable () -> Date = { Date() }
    ) async throws -> SandboxClock {
        let setting = try await storage.read { try $0.sandboxClock() }
        let clock = SandboxClock(start: realTime(), floor: try await storage.clockFloorDate(), realTime: realTime)
        if let setting { clock.apply(setting) }
        return clock
    }

    public var now: Date {
        self.steady.reading(self.state.withLock { self.reading($0) })
    }

    public var rate: Double { self.state.withLock { $0.rate } }

    /// The setting that moves the clock forward by `seconds` from where `stored` (the store's
    /// setting; nil: this clock's) has it now — never back: time on the exchange only advances —
    /// and runs it at `rate` from now on (nil: as it runs).
    public func setting(
        advancedBy seconds: TimeInterval,
        rate: Double?,
        from stored: SandboxClockSetting?
    ) -> SandboxClockSetting {
        let base = stored ?? self.state.withLock { $0 }
        let now = max(self.now, self.reading(base)).addingTimeInterval(max(0, seconds))
        return SandboxClockSetting(
            exchangeMilliseconds: now.milliseconds,
            realMilliseconds: self.realTime().milliseconds,
            rate: rate ?? base.rate
        )
    }

    /// Runs on `setting` from now on (the one the store holds).
    public func apply(_ setting: SandboxClockSetting) {
        self.state.withLock { $0 = setting }
    }

    private func reading(_ setting: SandboxClockSetting) -> Date {
        let elapsed = Double(self.realTime().milliseconds - setting.realMilliseconds) / 1000
        return Date(milliseconds: setting.exchangeMilliseconds).addingTimeInterval(elapsed * setting.rate)
    }
}

/// A clock reading that never goes back: at least the floor, at least the last reading.
final class SteadyReading: Sendable {
    private let latest: Mutex<Date>

    init(floor: Date) {
        self.latest = Mutex(floor)
    }

    func reading(_ date: Date) -> Date {
        self.latest.withLock { latest in
            latest = max(latest, date)
            return latest
        }
    }
}

extension Storage {
    /// The latest exchange time a committed write carried.
    public func clockFloorDate() async throws -> Date {
        Date(milliseconds: try await self.read { try $0.clockFloor() })
    }
}

extension Date {
    /// Milliseconds since the Unix epoch, as the exchange counts time.
    public var milliseconds: Int64 { Int64((self.timeIntervalSince1970 * 1000).rounded(.down)) }

    public init(milliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}
