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
public final class AuthorityPacer: WritePacing {
    /// One write every `interval` once the burst is spent.
    public let interval: Duration
    /// How far ahead of its pace an authority may be: the burst less one write.
    public let tolerance: Duration
    /// Also how long a refusal is held before it is sent: a client that retries at once, however
    /// many calls it keeps open, is slowed to a few refusals per second per call.
    public let maxWait: Duration
    /// Per authority, the instant its next write would be on pace ("theoretical arrival time").
    private let due = Mutex<[String: ContinuousClock.Instant]>([:])

    public convenience init(_ limits: ServerLimits) {
        self.init(
            ratePerSecond: limits.authorityWritesPerSecond,
            burst: limits.authorityWriteBurst,
            maxWait: limits.rateLimitMaxWait
        )
    }

    public init(ratePerSecond: Int, burst: Int, maxWait: Duration) {
        self.interval = .seconds(1) / max(ratePerSecond, 1)
        self.tolerance = self.interval * max(burst - 1, 0)
        self.maxWait = maxWait
    }

    public func reserve(_ authority: String) async -> Result<Duration, LicitStatus> {
        self.reserve(authority, now: .now)
    }

    /// Takes a turn for one write of `authority` at `now`.
    public func reserve(_ authority: String, now: ContinuousClock.Instant) -> Result<Duration, LicitStatus> {
        self.due.withLock { due in
            let next = max(due[authority] ?? now, now)
            let wait = max(.zero, next - self.tolerance - now)
            guard wait <= self.maxWait else {
                return .failure(Self.refusal(authority, retryAfter: wait - self.maxWait))
            }
            due[authority] = next + self.interval
            return .success(wait)
        }
    }

    /// The answer to a write whose turn is `retryAfter` past the longest wait.
    public static func refusal(_ authority: String, retryAfter: Duration) -> LicitStatus {
        let milliseconds = retryAfter.wireMilliseconds + 1
        return LicitStatus(
            .resourceExhausted,
            reason: "rate_limited",
            message:
                "\(authority) is writing faster than the exchange's pace for one authority; retry after \(milliseconds) ms with the same request id",
            details: ["retry_after_ms": "\(milliseconds)"]
        )
    }
}

/// Paces each authority's writes: in this process (``AuthorityPacer``), or shared by every
/// daemon of an exchange, in its database.
public protocol WritePacing: Sendable {
    /// Takes a turn for one write of `authority`: how long to wait before running it, or a
    /// refusal when the turn is further away than ``maxWait``.
    func reserve(_ authority: String) async -> Result<Duration, LicitStatus>
    /// The longest a write waits for its turn; also how long a refusal is held before it is sent.
    var maxWait: Duration { get }
}
