import Foundation
import Histogram
import Synchronization

/// Every outcome of a load run: latency histograms per operation (microseconds), errors by
/// status, and a second-by-second series.
public final class LoadRecorder: Sendable {
    struct Second {
        var count = 0
        var errors = 0
        var latencies = Histogram<UInt64>(highestTrackableValue: 3_600_000_000)
    }

    struct State {
        var histograms: [LoadOperation: Histogram<UInt64>] = [:]
        var errors: [LoadOperation: Int] = [:]
        var errorsByStatus: [String: Int] = [:]
        /// Rejections the exchange answered, by method and status code: to compare with its own counters.
        var rejectedByMethod: [String: [String: Int]] = [:]
        var seconds: [Int: Second] = [:]
        var all = Histogram<UInt64>(highestTrackableValue: 3_600_000_000)
    }

    private let state = Mutex(State())
    private let start: ContinuousClock.Instant

    public init(start: ContinuousClock.Instant) {
        self.start = start
    }

    /// Records one operation that was meant to start at `intended` and ended now.
    func record(
        _ operation: LoadOperation,
        intended: ContinuousClock.Instant,
        error: (status: String, method: String?, code: String?)?
    ) {
        let now = ContinuousClock.now
        let micros = UInt64(max(1, Self.microseconds(intended.duration(to: now))))
        let second = max(0, Int(Self.microseconds(self.start.duration(to: now)) / 1_000_000))
        self.state.withLock { state in
            state.histograms[operation, default: Histogram<UInt64>(highestTrackableValue: 3_600_000_000)].record(micros)
            state.all.record(micros)
            state.seconds[second, default: Second()].count += 1
            state.seconds[second, default: Second()].latencies.record(micros)
            if let error {
                state.errors[operation, default: 0] += 1
                state.errorsByStatus[error.status, default: 0] += 1
                state.seconds[second, default: Second()].errors += 1
                if let method = error.method, let code = error.code {
                    state.rejectedByMethod[method, default: [:]][code, default: 0] += 1
                }
            }
        }
    }

    /// For the live progress line: operations, errors, p50 and p99 (ms) so far.
    var progress: (count: UInt64, errors: Int, p50: Double, p99: Double) {
        self.state.withLock { state in
            (
                state.all.totalCount, state.errors.values.reduce(0, +),
                Double(state.all.valueAtPercentile(50)) / 1000, Double(state.all.valueAtPercentile(99)) / 1000
            )
        }
    }

    var snapshot: State { self.state.withLock { $0 } }

    static func microseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000
    }
}
