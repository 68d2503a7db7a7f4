import Foundation
import Synchronization

/// The exchange's clock: validity, expiry and the time told to clients are decided on it,
/// never on a client's. Injected so tests and the sandbox can move it.
public protocol ExchangeClock: Sendable {
    var now: Date { get }
}

/// The machine's wall clock.
public struct SystemExchangeClock: ExchangeClock {
    public init() {}
    public var now: Date { Date() }
}

/// A sandbox's clock: the wall clock, moved forward by a training authority and run at a chosen
/// rate (60: an exchange minute per real second), so that periods end within a training hour.
public final class SandboxClock: ExchangeClock {
    private struct State {
        /// Real time and exchange time at the last change; the exchange runs at `rate` from there.
        var realAnchor: Date
        var exchangeAnchor: Date
        var rate: Double
    }

    private let state: Mutex<State>
    /// The machine's time (a simulation passes its own).
    private let realTime: @Sendable () -> Date

    public init(start: Date = Date(), rate: Double = 1, realTime: @escaping @Sendable () -> Date = { Date() }) {
        self.realTime = realTime
        self.state = Mutex(State(realAnchor: realTime(), exchangeAnchor: start, rate: rate))
    }

    public var now: Date {
        self.state.withLock { self.now($0) }
    }

    public var rate: Double { self.state.withLock { $0.rate } }

    /// Moves the clock forward (never back: time on the exchange only advances).
    public func advance(by seconds: TimeInterval) {
        self.state.withLock { state in
            state.exchangeAnchor = self.now(state).addingTimeInterval(max(0, seconds))
            state.realAnchor = self.realTime()
        }
    }

    /// From now on, `rate` exchange seconds pass per real second (1 to 100 000).
    public func run(at rate: Double) {
        self.state.withLock { state in
            state.exchangeAnchor = self.now(state)
            state.realAnchor = self.realTime()
            state.rate = rate
        }
    }

    private func now(_ state: State) -> Date {
        state.exchangeAnchor.addingTimeInterval(self.realTime().timeIntervalSince(state.realAnchor) * state.rate)
    }
}
