import LicitWire
import Synchronization

/// How every method's calls ended, by status code: the exchange's own count, which operators and
/// load tests compare with what clients saw (`licit.v1.Board/GetCallCounters`).
public final class CallTally: Sendable {
    private let counts = Mutex<[String: [String: UInt64]]>([:])

    public init() {}

    func record(method: String, code: LicitStatus.Code) {
        self.counts.withLock { $0[method, default: [:]][code.description, default: 0] += 1 }
    }

    /// Method → status code (as `LicitStatus.Code.description`, e.g. `ok`) → calls.
    public var snapshot: [String: [String: UInt64]] { self.counts.withLock { $0 } }
}
