import LicitWire
import Synchronization

/// Paces each authority's writes, whatever connections they come on, so that one national
/// system in a loop cannot take the exchange's single writer from everyone else.
///
/// A token bucket in its GCRA form: an authority may write `burst` times at once, then one
/// write every `1/ratePerSecond`. A write over the pace waits its turn (the call's task sleeps,
/// holding nothing) when its turn comes within `maxWait`; otherwise it is refused with
/// `RESOURCE_EXHAUSTED` / `rate_limited` and the wait to retry after, once `maxWait` has passed
/// (so that refusing a flood costs the exchange next to nothing). Refused writes take no turn.
public final class AuthorityPacer: Sendable {
    private let interval: Duration
    private let tolerance: Duration
    /// Also how long a refusal is held before it is sent: a client that retries at once, however
    /// many calls it keeps open, is slowed to a few refusals per second per call.
    public let maxWait: Duration
    /// Per authority, the instant its next write would be on pace ("theoretical arrival time").
    private let due = Mutex<[String: ContinuousClock.Instant]>([:])

    public init(ratePerSecond: Int, burst: Int, maxWait: Duration) {
        self.interval = .seconds(1) / max(ratePerSecond, 1)
        self.tolerance = self.interval * max(burst - 1, 0)
        self.maxWait = maxWait
    }

    /// Takes a turn for one write of `authority`: how long to wait before running it, or a
    /// refusal when the turn is further away than `maxWait`.
    public func reserve(
        _ authority: String,
        now: ContinuousClock.Instant = .now
    ) -> Result<Duration, LicitStatus> {
        self.due.withLock { due in
            let next = max(due[authority] ?? now, now)
            let wait = max(.zero, next - self.tolerance - now)
            guard wait <= self.maxWait else {
                let retryAfter = (wait - self.maxWait).wireMilliseconds + 1
                return .failure(
                    LicitStatus(
                        .resourceExhausted,
                        reason: "rate_limited",
                        message:
                            "\(authority) is writing faster than the exchange's pace for one authority; retry after \(retryAfter) ms with the same request id",
                        details: ["retry_after_ms": "\(retryAfter)"]
                    )
                )
            }
            due[authority] = next + self.interval
            return .success(wait)
        }
    }
}
