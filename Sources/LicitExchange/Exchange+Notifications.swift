import Foundation
import LicitModel
import LicitStorage

/// Notifications beyond the inbox: a CNA's country admin (or a Board admin, for the Board's inbox)
/// registers a webhook or an e-mail address for chosen event kinds; the daemon's notifier delivers
/// each target's events in inbox order, at least once, and records here how far it got.
extension Exchange {
    /// At most this many targets per inbox, removed ones not counted.
    static let maxNotificationTargets = 10

    /// Every kind of inbox event, as targets choose them (PROTOCOL.md §15.5 lists them).
    public static let eventKinds: [String] = [
        "ia_received", "ea_received", "endorsement_received", "cancelled", "superseded", "expiring_soon",
        "expired", "endorsement_overdue", "emergency_export", "override_recorded",
        "endorsement_discrepancy", "account_pending", "account_approved", "account_rejected",
        "estimate_requested", "estimate_confirmed", "estimate_reduced", "estimate_refused",
        "annual_estimate_submitted", "annual_estimate_confirmed", "annual_estimate_queried",
        "return_submitted", "return_accepted", "return_queried", "notification_registered",
        "notification_removed", "audit_checkpoint",
    ]

    /// Registers where the caller's inbox is delivered. A webhook needs an `https://` URL and a
    /// shared secret of 16 to 256 characters (its deliveries are signed with it); an e-mail target
    /// an address. Delivery starts with the `notification_registered` event this write records in
    /// the inbox, whatever `kinds` asks for: it shows that the receiver works.
    public func registerNotification(
        channel: NotificationTarget.Channel,
        address: String,
        secret: String,
        kinds: [String],
        by caller: Caller,
        payload: Data,
        answer: @escaping @Sendable (NotificationTarget) throws -> Data
    ) async throws -> Data {
        let account = caller.account
        let moment = self.moment
        let address = try NotificationAddress.check(address, channel: channel)
        switch channel {
        case .webhook:
            guard (16...256).contains(secret.count), secret.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
                throw ExchangeError(
                    "invalid_notification_target",
                    "a webhook needs a secret of 16 to 256 printable ASCII characters to sign its deliveries with"
                )
            }
        case .email:
            guard secret.isEmpty else {
                throw ExchangeError("invalid_notification_target", "an e-mail target takes no secret")
            }
        }
        let kinds = try Self.checkedKinds(kinds)
        let recipient = account.inbox
        return try await self.write(
            caller,
            action: "notification.register",
            subject: "\(recipient) \(channel.rawValue)",
            payload: payload
        ) { transaction in
            let existing = try transaction.notificationTargets(recipient: recipient)
            guard existing.filter({ $0.removedAt == nil }).count < Self.maxNotificationTargets else {
                throw ExchangeError(
                    "too_many_notification_targets",
                    "\(recipient) has \(Self.maxNotificationTargets) notification targets already; remove one first"
                )
            }
            let id = "\(recipient)-\(existing.count + 1)"
            let sequence = try transaction.appendEvent(
                Self.event(
                    about: "notification/\(id)",
                    status: "active",
                    to: recipient,
                    "notification_registered",
                    "\(account.name) registered \(channel == .webhook ? "the webhook" : "the e-mail address") \(address)"
                        + " for \(kinds.isEmpty ? "every event" : kinds.joined(separator: ", "))",
                    at: moment.milliseconds
                )
            )
            let target = NotificationTarget(
                id: id,
                recipient: recipient,
                channel: channel,
                address: address,
                secret: secret,
                kinds: kinds,
                registeredBy: account.name,
                registeredAt: moment.milliseconds,
                delivered: sequence - 1
            )
            try transaction.put(target)
            return try answer(target)
        }
    }

    /// Stops delivery to one of the caller's inbox's targets; the inbox is told.
    public func removeNotification(
        id: String,
        by caller: Caller,
        payload: Data,
        answer: @escaping @Sendable (NotificationTarget) throws -> Data
    ) async throws -> Data {
        let account = caller.account
        let moment = self.moment
        let recipient = account.inbox
        return try await self.write(caller, action: "notification.remove", subject: id, payload: payload) {
            transaction in
            guard
                var target = try transaction.notificationTargets(recipient: recipient).first(where: {
                    $0.id == id && $0.removedAt == nil
                })
            else {
                throw ExchangeError(.notFound, "\(recipient) has no notification target \(id)")
            }
            target.removedAt = moment.milliseconds
            try transaction.put(target)
            try transaction.appendEvent(
                Self.event(
                    about: target.subject,
                    status: "removed",
                    to: recipient,
                    "notification_removed",
                    "\(account.name) removed \(target.address)",
                    at: moment.milliseconds
                )
            )
            return try answer(target)
        }
    }

    /// The caller's inbox's targets in force, by id.
    public func notificationTargets(by caller: Caller) async throws -> [NotificationTarget] {
        try await self.storage.read { try $0.notificationTargets(recipient: caller.account.inbox) }
            .filter { $0.removedAt == nil }
    }

    static func checkedKinds(_ kinds: [String]) throws -> [String] {
        let known = Set(Self.eventKinds)
        for kind in kinds where !known.contains(kind) {
            throw ExchangeError(
                "unknown_event_kind",
                "no inbox event is of kind \(kind.debugDescription); the kinds are \(Self.eventKinds.joined(separator: ", "))"
            )
        }
        var seen = Set<String>()
        return kinds.filter { seen.insert($0).inserted }
    }
}

/// Checks a target's address: a webhook's absolute `https://` URL without credentials, or an
/// e-mail address.
enum NotificationAddress {
    static func check(_ address: String, channel: NotificationTarget.Channel) throws -> String {
        let address = address.trimmingCharacters(in: .whitespaces)
        switch channel {
        case .webhook:
            guard address.utf8.count <= 2048, let url = URL(string: address), url.scheme?.lowercased() == "https",
                let host = url.host, !host.isEmpty, url.user == nil, url.password == nil, url.fragment == nil
            else {
                throw ExchangeError(
                    "invalid_notification_target",
                    "a webhook is an https:// URL of at most 2048 bytes, without user, password or fragment: \(address.debugDescription) is not"
                )
            }
            return address
        case .email:
            let parts = address.split(separator: "@", omittingEmptySubsequences: false)
            guard address.utf8.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
                !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
                address.unicodeScalars.allSatisfy({
                    $0.value > 32 && $0.value != 127 && !"<>()[],;:\\\"".unicodeScalars.contains($0)
                })
            else {
                throw ExchangeError(
                    "invalid_notification_target",
                    "\(address.debugDescription) is not an e-mail address (name@example.org)"
                )
            }
            return address
        }
    }
}
