import Foundation
import LicitClient
import LicitExchange
import LicitModel
import LicitNotifications
import LicitTestSupport
import Logging

/// An exchange seeded with ``TestWorld`` and its notifier running with `settings` (retries within
/// milliseconds), with clients for its accounts.
struct DeliveryHarness: Sendable {
    let exchange: TestExchange

    static let quickRetries = NotificationSettings(
        firstRetryDelay: .milliseconds(50),
        maxRetryDelay: .milliseconds(200),
        deliveryTimeout: .seconds(2),
        pollInterval: .milliseconds(50)
    )

    static func with(
        _ settings: NotificationSettings = Self.quickRetries,
        _ body: @Sendable (DeliveryHarness) async throws -> Void
    ) async throws {
        try await TestExchange.with { exchange in
            try await TestWorld.seed(exchange)
            var logger = Logger(label: "licit.test.notifier")
            logger.logLevel =
                ProcessInfo.processInfo.environment["LICIT_TEST_LOG"].flatMap(Logger.Level.init(rawValue:)) ?? .critical
            let notifier = Notifier(exchange: exchange.exchange.exchange, settings: settings, logger: logger)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await notifier.run() }
                defer { group.cancelAll() }
                try await body(DeliveryHarness(exchange: exchange))
            }
        }
    }

    func client<Result: Sendable>(
        _ name: String,
        _ role: Role,
        country: String = "FR",
        authority: String = "FR-ANSM",
        _ body: (LicitClient) async throws -> Result
    ) async throws -> Result {
        let identity = try self.exchange.register(name, role: role, country: country, authority: authority)
        return try await withLicitClient(try self.exchange.clientConfiguration(identity), body)
    }

    /// Three supplementary estimates asked by FR and decided by the Board: FR's inbox gets
    /// estimate_confirmed, estimate_refused and estimate_confirmed, in that order.
    func decideThreeEstimates() async throws {
        try await self.client("fr-signer", .signer) { france in
            try await self.client("board", .boardAdmin, country: "", authority: "BOARD") { board in
                for (index, confirmed) in [Int64(1_000), 0, 3_000].enumerated() {
                    let request = try await france.requestSupplementaryEstimate(
                        substance: "MORPHINE",
                        milligrams: 3_000,
                        justification: "request \(index + 1)"
                    )
                    _ = try await board.decideSupplementaryEstimate(
                        id: request.id,
                        confirmedMilligrams: confirmed == 0 ? 0 : 3_000,
                        reason: confirmed == 0 ? "not justified" : ""
                    )
                }
            }
        }
    }
}
