import Foundation
import LicitWire

/// How long ``LicitClient/retrying(requestID:policy:_:)`` and ``LicitClient/followInbox(policy:_:)``
/// keep trying, and how they wait between tries.
public struct RetryPolicy: Sendable {
    /// Tries in all, the first included.
    public var attempts: Int
    /// The wait before the second try; it doubles up to `maxBackoff`, less up to a fifth at random.
    public var firstBackoff: Duration
    public var maxBackoff: Duration

    public init(attempts: Int = 10, firstBackoff: Duration = .milliseconds(100), maxBackoff: Duration = .seconds(5)) {
        self.attempts = attempts
        self.firstBackoff = firstBackoff
        self.maxBackoff = maxBackoff
    }

    public static let standard = RetryPolicy()

    /// Refusals that say "not now" rather than "no": the same request may succeed later.
    static let transientReasons: Set<String> = [
        "draining", "storage_unavailable", "too_many_calls_in_flight", "internal_error", "subscription_ended",
    ]

    /// The wait before trying again after `error`, or `nil` when trying again cannot help.
    func wait(after error: LicitClientError, backoff: Duration) -> Duration? {
        switch error.code {
        case .indeterminate, .unavailable:
            return Self.jittered(backoff)
        case .rejected:
            guard let status = error.status else { return nil }
            if status.reason == "rate_limited" {
                // Never sooner than the exchange asked: a retry before retry_after_ms is refused again.
                return .milliseconds(Int(status.details["retry_after_ms"] ?? "") ?? 1000)
            }
            return Self.transientReasons.contains(status.reason) ? Self.jittered(backoff) : nil
        default:
            return nil
        }
    }

    func next(after backoff: Duration) -> Duration { min(backoff * 2, self.maxBackoff) }

    static func jittered(_ backoff: Duration) -> Duration { backoff * Double.random(in: 0.8...1) }
}

extension LicitClient {
    /// Runs a write until it has an outcome, as PROTOCOL.md §13 asks: `write` is called with one
    /// request id, again and again with that same id while the outcome is unknown (indeterminate),
    /// the request was not sent, or the exchange said "not now" (`rate_limited` after its
    /// `retry_after_ms`, `draining`, `storage_unavailable`…). Any other refusal is thrown at once,
    /// as is the last error once `policy.attempts` are spent.
    ///
    /// ```swift
    /// let ia = try await client.retrying { id in try await client.issueImportAuthorization(content, requestID: id) }
    /// ```
    public func retrying<Result: Sendable>(
        requestID: String = LicitClient.makeRequestID(),
        policy: RetryPolicy = .standard,
        _ write: (_ requestID: String) async throws -> Result
    ) async throws -> Result {
        var backoff = policy.firstBackoff
        var attempt = 1
        while true {
            do {
                return try await write(requestID)
            } catch let error as LicitClientError {
                guard attempt < policy.attempts, let wait = policy.wait(after: error, backoff: backoff) else {
                    throw error
                }
                self.logger.debug(
                    "retrying a write with the same request id",
                    metadata: ["request.id": "\(requestID)", "error": "\(error)", "wait": "\(wait)"]
                )
                try await Task.sleep(for: wait)
                backoff = policy.next(after: backoff)
                attempt += 1
            }
        }
    }

    /// Follows the account's inbox for as long as the calling task runs: each event is handed to
    /// `handle` once, in order (an event delivered twice is skipped), then acknowledged; when the
    /// exchange ends the subscription or the connection is lost, it subscribes again from the last
    /// event handled, backing off between tries. Returns when the task is cancelled; throws what
    /// `handle` throws, or a refusal that no retry can help.
    public func followInbox(
        policy: RetryPolicy = .standard,
        _ handle: (Licit_V1_InboxEvent) async throws -> Void
    ) async throws {
        var handled: UInt64?
        var backoff = policy.firstBackoff
        while !Task.isCancelled {
            do {
                for try await event in try await self.inbox(after: handled) {
                    backoff = policy.firstBackoff
                    if let handled, event.sequence <= handled { continue }
                    try await handle(event)
                    handled = event.sequence
                    try await self.retrying(policy: policy) { id in
                        try await self.acknowledge(through: event.sequence, requestID: id)
                    }
                }
            } catch let error as LicitClientError {
                guard !Task.isCancelled else { return }
                guard let wait = policy.wait(after: error, backoff: backoff) ?? Self.resubscribeWait(error, backoff)
                else { throw error }
                try await Task.sleep(for: wait)
                backoff = policy.next(after: backoff)
                continue
            } catch is CancellationError {
                return
            }
            // The stream ended without an error: subscribe again, after a pause.
            try await Task.sleep(for: RetryPolicy.jittered(backoff))
            backoff = policy.next(after: backoff)
        }
    }

    /// A subscription that ended because its read was cut short (not a refusal of the account)
    /// is taken up again.
    private static func resubscribeWait(_ error: LicitClientError, _ backoff: Duration) -> Duration? {
        error.code == .deadlineExceeded || error.code == .cancelled ? RetryPolicy.jittered(backoff) : nil
    }
}
