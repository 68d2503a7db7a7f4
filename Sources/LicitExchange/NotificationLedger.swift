import Foundation
import LicitModel
import LicitStorage

/// The next events one target is owed: those it wants, in inbox order, and the sequence the batch
/// covers (events it does not want are passed over with them).
public struct NotificationBatch: Sendable, Hashable {
    public let target: NotificationTarget
    public let events: [InboxEntry]
    public let through: UInt64
}

/// What the notifier reads and records: which targets are owed events, and how far each got.
/// Each record is an audited write of the exchange's own, idempotent by the batch it is about,
/// and made only if the target was still where the batch began (two notifiers never move a target
/// back or skip its events).
public struct NotificationLedger: Sendable {
    /// Events read per target per round.
    public static let batchLimit = 50
    let exchange: Exchange
    /// Retries wait in real time, whatever a sandbox's clock does: milliseconds since 1970.
    let wallClock: @Sendable () -> Int64

    public init(
        _ exchange: Exchange,
        wallClock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) }
    ) {
        self.exchange = exchange
        self.wallClock = wallClock
    }

    /// The real time now, in milliseconds since 1970.
    public var now: Int64 { self.wallClock() }

    /// Every target in force owed something now: the events after its place (those it wants),
    /// unless it is waiting to retry.
    public func due() async throws -> [NotificationBatch] {
        let now = self.now
        return try await self.exchange.storage.read { reader in
            try reader.notificationTargets(recipient: nil).compactMap { target in
                guard target.removedAt == nil, (target.retryAt ?? 0) <= now else { return nil }
                let events = try reader.events(
                    recipient: target.recipient,
                    after: target.delivered,
                    limit: Self.batchLimit
                )
                guard let last = events.last else { return nil }
                return NotificationBatch(target: target, events: events.filter(target.wants), through: last.sequence)
            }
        }
    }

    /// Records that the batch reached its target (or had nothing it wanted); false when the target
    /// had moved on or been removed meanwhile.
    @discardableResult
    public func delivered(_ batch: NotificationBatch) async throws -> Bool {
        let now = self.now
        return try await self.record(
            batch,
            action: "notification.delivered",
            requestID: "notify-\(batch.target.id)-\(batch.through)",
            detail: "\(batch.events.count) events through \(batch.through)"
        ) { target in
            target.delivered = batch.through
            target.failures = 0
            target.lastError = ""
            target.retryAt = nil
            if !batch.events.isEmpty { target.lastAttemptAt = now }
        }
    }

    /// Records a failed attempt and when to try again.
    @discardableResult
    public func failed(_ batch: NotificationBatch, error: String, retryAfter: Duration) async throws -> Bool {
        let now = self.now
        let (seconds, attoseconds) = retryAfter.components
        let delay = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return try await self.record(
            batch,
            action: "notification.failed",
            requestID: "notify-failed-\(UUID().uuidString)",
            detail: error
        ) { target in
            target.failures += 1
            target.lastError = String(error.prefix(512))
            target.lastAttemptAt = now
            target.retryAt = now + delay
        }
    }

    private func record(
        _ batch: NotificationBatch,
        action: String,
        requestID: String,
        detail: String,
        _ change: @escaping @Sendable (inout NotificationTarget) -> Void
    ) async throws -> Bool {
        let intent = WriteIntent.byTheExchange(
            requestID: requestID,
            payload: Data(detail.utf8),
            action: action,
            subject: batch.target.id,
            at: self.exchange.moment.milliseconds
        )
        let answer = try await self.exchange.storage.write(intent) { transaction in
            guard
                var target = try transaction.notificationTargets(recipient: batch.target.recipient).first(where: {
                    $0.id == batch.target.id
                }), target.removedAt == nil, target.delivered == batch.target.delivered
            else { return Data("moved".utf8) }
            change(&target)
            try transaction.put(target)
            return Data("recorded".utf8)
        }
        return answer == Data("recorded".utf8)
    }
}
