import Foundation
import LicitClient
import LicitExchange
import LicitModel
import LicitStorage
import LicitTestSupport
import LicitWire
import Testing

@Suite("Notification targets: registered per inbox by its admins, checked, never showing their secret")
struct NotificationTargetTests {
    static let secret = "a-secret-of-more-than-16-characters"

    @Test("register, list and remove; the inbox records each; only the caller's inbox's targets")
    func lifecycle() async throws {
        try await Harness.with { harness in
            let officer = try harness.exchange.register(
                "fr-officer",
                role: .officer,
                country: "FR",
                authority: "FR-ANSM"
            )
            try await withLicitClient(try harness.exchange.clientConfiguration(officer)) { reader in
                try await harness.client("fr-admin", .countryAdmin) { france in
                    let inbox = try await reader.inbox()
                    let webhook = try await france.registerWebhook(
                        url: "https://licit.ansm.example/events",
                        secret: Self.secret,
                        kinds: ["ia_received", "ea_received", "ia_received"]
                    )
                    #expect(
                        webhook.id == "FR-ANSM-1" && webhook.channel == "webhook" && webhook.registeredBy == "fr-admin"
                    )
                    #expect(webhook.kinds == ["ia_received", "ea_received"])
                    let registered = try await next(1, of: inbox)
                    #expect(registered.map(\.kind) == ["notification_registered"])
                    #expect(registered.first?.subject == "notification/FR-ANSM-1")
                    // Delivery starts with that event, whatever the kinds.
                    #expect(webhook.deliveredThrough + 1 == registered.first?.sequence)

                    let mail = try await france.registerEmail(address: "officers@ansm.example")
                    #expect(mail.id == "FR-ANSM-2" && mail.kinds.isEmpty)
                    #expect(try await france.notificationTargets().map(\.id) == ["FR-ANSM-1", "FR-ANSM-2"])

                    // Another CNA sees none of them, and cannot remove them.
                    try await harness.client("in-admin", .countryAdmin, country: "IN") { india in
                        let theirs = try await india.notificationTargets()
                        #expect(theirs.isEmpty)
                        #expect(
                            await refusal { _ = try await india.removeNotificationTarget(id: "FR-ANSM-1") }?.reason
                                == "not_found"
                        )
                    }
                    let removed = try await france.removeNotificationTarget(id: "FR-ANSM-1")
                    #expect(removed.removedAtMs > 0)
                    #expect(
                        try await next(2, of: inbox).map(\.kind) == ["notification_registered", "notification_removed"]
                    )
                    #expect(try await france.notificationTargets().map(\.id) == ["FR-ANSM-2"])
                    #expect(
                        await refusal { _ = try await france.removeNotificationTarget(id: "FR-ANSM-1") }?.reason
                            == "not_found"
                    )
                    // Numbers are not reused.
                    #expect(try await france.registerEmail(address: "night@ansm.example").id == "FR-ANSM-3")
                }
            }
            let audit = try await harness.audit()
            #expect(audit.allSatisfy { !"\($0)".contains(Self.secret) })
            let actions = audit.map(\.action)
            #expect(actions.filter { $0 == "notification.register" }.count == 3)
            #expect(actions.contains("notification.remove"))
        }
    }

    @Test("bad addresses, secrets, kinds and channels are refused with what to fix")
    func refusals() async throws {
        try await Harness.with { harness in
            try await harness.client("fr-admin", .countryAdmin) { france in
                let cases: [(String, String, String, [String], String)] = [
                    ("webhook", "http://licit.ansm.example/events", Self.secret, [], "invalid_notification_target"),
                    ("webhook", "https://user:pw@licit.ansm.example/", Self.secret, [], "invalid_notification_target"),
                    ("webhook", "not a url", Self.secret, [], "invalid_notification_target"),
                    ("webhook", "https://licit.ansm.example/", "short", [], "invalid_notification_target"),
                    (
                        "webhook", "https://licit.ansm.example/", "has a space in it ok", [],
                        "invalid_notification_target"
                    ),
                    ("email", "officers.ansm.example", "", [], "invalid_notification_target"),
                    ("email", "officers@ansm", "", [], "invalid_notification_target"),
                    ("email", "officers@ansm.example", Self.secret, [], "invalid_notification_target"),
                    ("email", "officers@ansm.example", "", ["ia_recieved"], "unknown_event_kind"),
                    ("sms", "+33100000000", "", [], "invalid_notification_target"),
                ]
                for (channel, address, secret, kinds, reason) in cases {
                    let refused = await refusal {
                        _ = try await france.call(
                            method: LicitMethod.Notifications.register,
                            payload: try Licit_V1_RegisterNotificationRequest.with {
                                $0.channel = channel
                                $0.address = address
                                $0.secret = secret
                                $0.kinds = kinds
                            }.serializedData(),
                            requestID: LicitClient.makeRequestID()
                        )
                    }
                    #expect(refused?.reason == reason, "\(channel) \(address) \(kinds)")
                }
                #expect(try await france.notificationTargets().isEmpty)
                for index in 1...10 { _ = try await france.registerEmail(address: "officer\(index)@ansm.example") }
                #expect(
                    await refusal { _ = try await france.registerEmail(address: "one-more@ansm.example") }?.reason
                        == "too_many_notification_targets"
                )
            }
        }
    }

    @Test("signers, officers, viewers and observers cannot manage targets; the Board manages its own")
    func roles() async throws {
        try await Harness.with { harness in
            for role in [Role.signer, .officer, .viewer] {
                try await harness.client("fr-\(role.rawValue)", role) { client in
                    #expect(
                        await refusal { _ = try await client.notificationTargets() }?.reason == "role_not_permitted"
                    )
                    #expect(
                        await refusal { _ = try await client.registerEmail(address: "x@ansm.example") }?.reason
                            == "role_not_permitted"
                    )
                }
            }
            try await harness.client("board", .boardAdmin, country: "", authority: "BOARD") { board in
                let target = try await board.registerEmail(address: "duty@board.example")
                #expect(target.id == "BOARD-1")
            }
        }
    }

    @Test("what is due: the events each target wants, in order; a record moves only a target still where it was")
    func ledger() async throws {
        try await Harness.with { harness in
            let ledger = NotificationLedger(harness.exchange.exchange.exchange)
            try await harness.client("fr-admin", .countryAdmin) { france in
                _ = try await france.registerWebhook(
                    url: "https://licit.ansm.example/events",
                    secret: Self.secret,
                    kinds: ["estimate_confirmed"]
                )
                _ = try await france.registerEmail(address: "officers@ansm.example", kinds: ["ia_received"])
            }
            var due = try await ledger.due()
            #expect(due.map(\.target.id) == ["FR-ANSM-1", "FR-ANSM-2"])
            // Each gets its own registration, not the other's.
            #expect(due.map { $0.events.map(\.subject) } == [["notification/FR-ANSM-1"], ["notification/FR-ANSM-2"]])
            let webhook = due[0]
            #expect(try await ledger.delivered(webhook))
            // A second notifier with the same batch moves nothing back.
            #expect(try await ledger.delivered(webhook))  // the same record again: idempotent
            #expect(try await ledger.failed(webhook, error: "late", retryAfter: .seconds(60)) == false)
            due = try await ledger.due()
            #expect(due.map(\.target.id) == ["FR-ANSM-2"])
            // A failure makes the target wait.
            #expect(try await ledger.failed(due[0], error: "refused", retryAfter: .seconds(3600)))
            #expect(try await ledger.due().isEmpty)
            try await harness.client("fr-admin-2", .countryAdmin) { france in
                let mail = try #require(try await france.notificationTargets().last)
                #expect(mail.failures == 1 && mail.lastError == "refused" && mail.retryAtMs > mail.lastAttemptAtMs)
            }
        }
    }
}
