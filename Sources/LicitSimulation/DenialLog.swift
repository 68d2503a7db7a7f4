import LicitServerCore
import LicitWire
import Synchronization

/// The calls the session refused for their role, until the simulation audits them in order.
final class DenialLog: Sendable {
    private let entries = Mutex<[(Account, String, LicitStatus)]>([])

    func append(_ entry: (Account, String, LicitStatus)) {
        self.entries.withLock { $0.append(entry) }
    }

    func take() -> [(Account, String, LicitStatus)] {
        self.entries.withLock { entries in
            defer { entries = [] }
            return entries
        }
    }
}
