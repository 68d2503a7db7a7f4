import Foundation
import LicitExchange
import LicitModel
import LicitStorage
import LicitWire

/// `licit.v1.Notifications`: where an inbox is delivered beyond the inbox (webhooks, e-mail).
struct NotificationMethods {
    let exchange: Exchange

    /// Who manages an inbox's targets: its CNA's country admin, or a Board admin for the Board's.
    static let managers: Set<Role> = [.countryAdmin, .boardAdmin]

    var handlers: [MethodHandler] {
        typealias Method = LicitMethod.Notifications
        let exchange = self.exchange
        return [
            MethodHandler(
                name: Method.register,
                allowedRoles: Self.managers,
                isWrite: true,
                body: .unary { context, payload in
                    let request = try SessionMethods.decode(Licit_V1_RegisterNotificationRequest.self, payload)
                    guard let channel = NotificationTarget.Channel(rawValue: request.channel.lowercased()) else {
                        throw ExchangeError(
                            "invalid_notification_target",
                            "the channel is webhook or email, not \(request.channel.debugDescription)"
                        )
                    }
                    return try await exchange.registerNotification(
                        channel: channel,
                        address: request.address,
                        secret: request.secret,
                        kinds: request.kinds,
                        by: context.caller,
                        payload: payload,
                        answer: Self.answer
                    )
                }
            ),
            .read(Method.list, Self.managers) { (context, _: Licit_V1_ListNotificationsRequest) in
                let targets = try await exchange.notificationTargets(by: context.caller)
                return Licit_V1_ListNotificationsResponse.with { $0.targets = targets.map(Self.wire) }
            },
            MethodHandler(
                name: Method.remove,
                allowedRoles: Self.managers,
                isWrite: true,
                body: .unary { context, payload in
                    let request = try SessionMethods.decode(Licit_V1_RemoveNotificationRequest.self, payload)
                    return try await exchange.removeNotification(
                        id: request.id,
                        by: context.caller,
                        payload: payload,
                        answer: Self.answer
                    )
                }
            ),
        ]
    }

    @Sendable static func answer(_ target: NotificationTarget) throws -> Data {
        try Licit_V1_NotificationTargetResponse.with { $0.target = Self.wire(target) }.serializedData()
    }

    /// The target as callers see it: never its secret.
    static func wire(_ target: NotificationTarget) -> Licit_V1_NotificationTarget {
        .with {
            $0.id = target.id
            $0.channel = target.channel.rawValue
            $0.address = target.address
            $0.kinds = target.kinds
            $0.registeredBy = target.registeredBy
            $0.registeredAtMs = target.registeredAt
            $0.deliveredThrough = target.delivered
            $0.failures = UInt32(clamping: target.failures)
            $0.lastError = target.lastError
            $0.lastAttemptAtMs = target.lastAttemptAt ?? 0
            $0.retryAtMs = target.retryAt ?? 0
            $0.removedAtMs = target.removedAt ?? 0
        }
    }
}
