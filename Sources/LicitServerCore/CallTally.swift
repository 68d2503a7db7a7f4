import LicitWire
import Synchronization

/// How every method's calls ended, by status code: the exchange's own count, which operators and
/// load tests compare with what clients saw (`licit.v1.Board/GetCallCounters`).
public final class CallTally: Sendable {
    /// Method → the status code's wire value → calls (named only when read: naming a code on
    /// every call cost several allocations).
    private let counts = Mutex<[String: [Int: UInt64]]>([:])

    public init() {}

    func record(method: String, code: LicitStatus.Code) {
        self.counts.withLock { $0[method, default: [:]][code.wireValue.rawValue, default: 0] += 1 }
    }

    /// Method → status code (as `LicitStatus.Code.description`, e.g. `ok`) → calls.
    public var snapshot: [String: [String: UInt64]] {
        self.counts.withLock { $0 }.mapValues { byCode in
            Dictionary(
                byCode.map {
                    (
                        LicitStatus.Code(wire: Licit_V1_StatusCode(rawValue: $0.key) ?? .UNRECOGNIZED($0.key))
                            .description, $0.value
                    )
                },
                uniquingKeysWith: +
            )
        }
    }
}
