import Foundation

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
