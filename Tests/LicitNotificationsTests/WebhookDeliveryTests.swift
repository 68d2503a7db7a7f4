import Foundation
import LicitClient
import LicitTestSupport
import Testing

@Suite("Webhooks: each inbox's events POSTed in order, signed, at least once, retried with backoff")
struct WebhookDeliveryTests {
    static let secret = "s3cret-shared-with-the-receiver"

    @Test("signed batches in inbox order, only the kinds chosen, the same batch again after failures")
    func ordered() async throws {
        let folder = try TestFolder()
        let files = try Receiver.certificates(in: folder.url)
        let receiver = try Receiver(
            "webhook_receiver.py",
            ["--cert", files.cert, "--key", files.key, "--secret", Self.secret, "--fail-first", "2"],
            in: folder.url
        )
        var settings = DeliveryHarness.quickRetries
        settings.extraTrustRoots = [files.ca]
        try await DeliveryHarness.with(settings) { harness in
            let wanted = ["estimate_confirmed", "estimate_refused"]
            let target = try await harness.client("fr-admin", .countryAdmin) { admin in
                let target = try await admin.registerWebhook(
                    url: "https://127.0.0.1:\(receiver.port)/licit/events",
                    secret: Self.secret,
                    kinds: wanted
                )
                // An event the webhook did not ask for: another target's registration.
                _ = try await admin.registerEmail(address: "officers@ansm.example", kinds: ["ia_received"])
                return target
            }
            #expect(target.id == "FR-ANSM-1" && target.channel == "webhook" && target.kinds == wanted)
            try await harness.decideThreeEstimates()

            // Delivered: the registration, then the three decisions, whatever failed on the way.
            try await eventually(timeout: .seconds(60)) {
                receiver.records(WebhookRecord.self).filter { $0.answered == 204 }.flatMap(\.body.events).count >= 4
            }
            let records = receiver.records(WebhookRecord.self)
            #expect(records.allSatisfy { $0.signatureOk })
            #expect(records.prefix(2).map(\.answered) == [500, 500])
            // At least once: a refused batch comes again, from where it began.
            #expect(Set(records.prefix(3).map { $0.body.events.first?.sequence }).count == 1)
            let delivered = records.filter { $0.answered == 204 }.flatMap(\.body.events)
            let sequences = delivered.map(\.sequence)
            #expect(sequences == sequences.sorted() && Set(sequences).count == sequences.count)
            #expect(
                delivered.map(\.kind)
                    == ["notification_registered", "estimate_confirmed", "estimate_refused", "estimate_confirmed"]
            )
            #expect(delivered.first?.subject == "notification/FR-ANSM-1")
            #expect(records.allSatisfy { $0.body.target == "FR-ANSM-1" && $0.body.inbox == "FR-ANSM" })
            let headers = try #require(records.last?.headers)
            #expect(headers["licit-target"] == "FR-ANSM-1" && headers["content-type"] == "application/json")
            #expect(headers["licit-delivery"] == "FR-ANSM-1/\(sequences.last ?? 0)")
            #expect(records.allSatisfy { $0.path == "/licit/events" })

            // The exchange knows how far it got, and has forgotten the failures.
            try await harness.client("fr-admin-2", .countryAdmin) { admin in
                try await eventually {
                    let targets = (try? await admin.notificationTargets()) ?? []
                    return targets.first?.deliveredThrough ?? 0 >= UInt64(sequences.last ?? 0)
                        && targets.first?.failures == 0
                }
            }
            let actions = try await harness.exchange.exchange.exchange.storage.auditRecords().map(\.action)
            #expect(actions.filter { $0 == "notification.failed" }.count >= 2)
            #expect(actions.contains("notification.delivered"))
        }
    }

    @Test("a receiver that never answers well is retried with growing waits, and the CNA sees why")
    func failing() async throws {
        try await DeliveryHarness.with { harness in
            // Nothing listens there: connection refused.
            let target = try await harness.client("fr-admin", .countryAdmin) { admin in
                try await admin.registerWebhook(url: "https://127.0.0.1:9/nothing", secret: Self.secret)
            }
            try await harness.client("fr-admin-2", .countryAdmin) { admin in
                try await eventually(timeout: .seconds(60)) {
                    ((try? await admin.notificationTargets()) ?? []).first?.failures ?? 0 >= 3
                }
                let seen = try #require(try await admin.notificationTargets().first)
                #expect(seen.id == target.id && seen.deliveredThrough == target.deliveredThrough)
                #expect(seen.lastError.contains("127.0.0.1:9"))
                #expect(seen.retryAtMs > seen.lastAttemptAtMs)
            }
        }
    }

}
