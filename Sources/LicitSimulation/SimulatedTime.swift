import Foundation
import Synchronization

/// The simulation's real time: what the machine's clock would read, moved by the simulation.
final class SimulatedTime: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date) {
        self.current = Mutex(start)
    }

    var now: Date { self.current.withLock { $0 } }

    var reader: @Sendable () -> Date { { self.now } }

    func advance(seconds: Double) {
        self.current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}
