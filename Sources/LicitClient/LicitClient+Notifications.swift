import Foundation
import LicitWire

/// Notifications beyond the inbox: webhooks and e-mail addresses for the caller's inbox (country
/// admins for their CNA's, board admins for the Board's).
extension LicitClient {
    /// Registers a webhook: each batch of events is POSTed to `url` as JSON, signed with `secret`
    /// (16 to 256 printable ASCII characters) in the `Licit-Signature` header. `kinds` empty: every kind.
    public func registerWebhook(
        url: String,
        secret: String,
        kinds: [String] = [],
        requestID: String = LicitClient.makeRequestID()
    ) async throws -> Licit_V1_NotificationTarget {
        try await self.registerNotification(channel: "webhook", address: url, secret: secret, kinds: kinds, requestID)
    }

    /// Registers an e-mail address, sent to through the exchange's SMTP server.
    public func registerEmail(
        address: String,
        kinds: [String] = [],
        requestID: String = LicitClient.makeRequestID()
    ) async throws -> Licit_V1_NotificationTarget {
        try await self.registerNotification(channel: "email", address: address, secret: "", kinds: kinds, requestID)
    }

    /// The caller's inbox's targets in force, with how far delivery got and its last failure.
    public func notificationTargets() async throws -> [Licit_V1_NotificationTarget] {
        let response: Licit_V1_ListNotificationsResponse = try await self.unary(
            LicitMethod.Notifications.list,
            Licit_V1_ListNotificationsRequest()
        )
        return response.targets
    }

    /// Stops delivery to a target; the inbox records it.
    public func removeNotificationTarget(
        id: String,
        requestID: String = LicitClient.makeRequestID()
    ) async throws -> Licit_V1_NotificationTarget {
        let response: Licit_V1_NotificationTargetResponse = try await self.unary(
            LicitMethod.Notifications.remove,
            Licit_V1_RemoveNotificationRequest.with { $0.id = id },
            requestID: requestID
        )
        return response.target
    }

    private func registerNotification(
        channel: String,
        address: String,
        secret: String,
        kinds: [String],
        _ requestID: String
    ) async throws -> Licit_V1_NotificationTarget {
        let response: Licit_V1_NotificationTargetResponse = try await self.unary(
            LicitMethod.Notifications.register,
            Licit_V1_RegisterNotificationRequest.with {
                $0.channel = channel
                $0.address = address
                $0.secret = secret
                $0.kinds = kinds
            },
            requestID: requestID
        )
        return response.target
    }
}
