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

    /// The operations planned in one step of a ramp.
    struct RampStep {
        var rate: Double
        /// Operations sent in the step's time (the plan's arrivals that fell inside it).
        var sent = 0
        /// From the step's start until its last operation was answered.
        var elapsedSeconds: Double = 0
        var count = 0
        var errors = 0
        var latencies = Histogram<UInt64>(highestTrackableValue: 3_600_000_000)
    }

    struct State {
        var steps: [RampStep] = []
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
            if !state.steps.isEmpty {
                state.steps[state.steps.count - 1].count += 1
                state.steps[state.steps.count - 1].latencies.record(micros)
                // An officer's planned mistake is refused by design: it is not the exchange failing.
                if let error, !error.status.hasSuffix("/duplicate_number") {
                    state.steps[state.steps.count - 1].errors += 1
                }
            }
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

    /// Starts a ramp step: operations recorded from now on count toward it (a step's operations
    /// are all answered before the next begins).
    func beginStep(rate: Double) {
        self.state.withLock { $0.steps.append(RampStep(rate: rate)) }
    }

    /// Ends the current ramp step, `elapsed` after it began, and returns it.
    func endStep(sent: Int, elapsed: Duration) -> RampStep? {
        self.state.withLock { state in
            guard !state.steps.isEmpty else { return nil }
            state.steps[state.steps.count - 1].sent = sent
            state.steps[state.steps.count - 1].elapsedSeconds = Double(Self.microseconds(elapsed)) / 1_000_000
            return state.steps.last
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
