import AsyncHTTPClient
import Foundation
import LicitExchange
import LicitStorage
import Logging
import NIOSSL
import ServiceLifecycle

/// Delivers every notification target's events as they are recorded: after each write (the inbox
/// signal) and every `pollInterval`, it takes each target's due batch and sends it — targets side
/// by side, each target's batches one after another — then records how far the target got. A
/// failure is recorded with the time to try again, doubling up to the configured ceiling; the
/// same batch is sent again then. So each target receives its events in order, at least once.
public struct Notifier: Service {
    let ledger: NotificationLedger
    let signal: InboxSignal
    let settings: NotificationSettings
    let leadership: any NotifierLeadership
    let logger: Logger

    public init(
        exchange: Exchange,
        settings: NotificationSettings,
        leadership: any NotifierLeadership = SoleNotifier(),
        logger: Logger
    ) {
        self.ledger = NotificationLedger(exchange)
        self.signal = exchange.inbox
        self.settings = settings
        self.leadership = leadership
        self.logger = logger
    }

    public func run() async throws {
        let tls = self.settings.tlsConfiguration
        let client = WebhookSender.makeClient(tls)
        let senders = Senders(
            webhook: WebhookSender(client: client, timeout: self.settings.deliveryTimeout),
            mail: self.settings.smtp.map { MailSender(settings: $0, tls: tls, timeout: self.settings.deliveryTimeout) }
        )
        do {
            try await cancelWhenGracefulShutdown {
                try await self.leadership.whileLeading { try await self.deliverUntilCancelled(senders) }
            }
        } catch is CancellationError {
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }

    struct Senders: Sendable {
        let webhook: WebhookSender
        let mail: MailSender?

        func deliver(_ batch: NotificationBatch) async throws {
            switch batch.target.channel {
            case .webhook: try await self.webhook.deliver(batch)
            case .email:
                guard let mail else {
                    throw DeliveryError("no SMTP server is configured on the exchange (notifications.smtp)")
                }
                try await mail.deliver(batch)
            }
        }
    }

    private func deliverUntilCancelled(_ senders: Senders) async throws {
        let (id, wakeUps) = self.signal.subscribe()
        defer { self.signal.unsubscribe(id) }
        // A tick after each write (the inbox signal) and every poll interval (retries fall due,
        // other daemons write), coalesced while a round runs.
        let (ticks, tick) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let interval = self.settings.pollInterval
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { for await _ in wakeUps { tick.yield() } }
            group.addTask {
                while !Task.isCancelled {
                    tick.yield()
                    try await Task.sleep(for: interval)
                }
            }
            for await _ in ticks {
                do {
                    while try await self.round(senders) {}
                } catch is CancellationError {
                    break
                } catch {
                    self.logger.warning(
                        "notifications: cannot read what is due; retrying",
                        metadata: ["error": "\(error)"]
                    )
                }
            }
            group.cancelAll()
        }
    }

    /// Sends every due batch, targets side by side; true when some target has more waiting.
    func round(_ senders: Senders) async throws -> Bool {
        let batches = try await self.ledger.due()
        self.logger.trace("notifications: round", metadata: ["due": "\(batches.count)"])
        return try await withThrowingTaskGroup(of: Bool.self) { group in
            for batch in batches {
                group.addTask { try await self.deliver(batch, senders) }
            }
            var more = false
            for try await next in group { more = more || next }
            return more
        }
    }

    /// Sends one batch and records the outcome; true when the target may have more waiting.
    private func deliver(_ batch: NotificationBatch, _ senders: Senders) async throws -> Bool {
        guard !batch.events.isEmpty else {
            // Nothing it wants among these: move past them.
            return try await self.ledger.delivered(batch)
        }
        do {
            try await senders.deliver(batch)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            let delay = self.settings.retryDelay(afterFailures: batch.target.failures + 1)
            self.logger.notice(
                "notifications: delivery failed; retrying",
                metadata: [
                    "target": "\(batch.target.id)", "through": "\(batch.through)", "error": "\(error)",
                    "retry_in": "\(delay)",
                ]
            )
            try await self.ledger.failed(batch, error: "\(error)", retryAfter: delay)
            return false
        }
        self.logger.debug(
            "notifications: delivered",
            metadata: [
                "target": "\(batch.target.id)", "events": "\(batch.events.count)", "through": "\(batch.through)",
            ]
        )
        return try await self.ledger.delivered(batch)
    }
}
