import Foundation
import LicitExchange
import LicitServerCore
import Synchronization

/// An exchange clock a test moves by hand. It starts now: certificates are checked on it too.
public final class TestClock: ExchangeClock {
    private let current: Mutex<Date>

    public init(_ start: Date = Date()) {
        self.current = Mutex(start)
    }

    public var now: Date { self.current.withLock { $0 } }

    public func advance(days: Int) {
        self.current.withLock { $0 = $0.addingTimeInterval(Double(days) * 86_400) }
    }
}
