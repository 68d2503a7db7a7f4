import Foundation
import LicitClient
import LicitNotifications
import LicitTestSupport
import Testing

@Suite("E-mail: each inbox's events sent through the SMTP server, in order, over STARTTLS")
struct MailDeliveryTests {
    @Test(
        "one message per batch, to the address registered, readable by a real mail parser",
        .enabled(if: Receiver.smtpAvailable)
    )
    func starttls() async throws {
        let folder = try TestFolder()
        let files = try Receiver.certificates(in: folder.url)
        let receiver = try Receiver("smtp_receiver.py", ["--starttls", files.cert, files.key], in: folder.url)
        var settings = DeliveryHarness.quickRetries
        // STARTTLS with a Python receiver can take seconds on a machine loaded by the rest of the
        // suite (valgrind, sanitizers): an attempt cut at 2 s was retried, and cut again, for ever.
        settings.deliveryTimeout = .seconds(20)
        settings.extraTrustRoots = [files.ca]
        settings.smtp = .init(
            host: "localhost",
            port: receiver.port,
            security: .starttls,
            from: "licit@exchange.example"
        )
        try await DeliveryHarness.with(settings) { harness in
            _ = try await harness.client("fr-admin", .countryAdmin) { admin in
                try await admin.registerEmail(address: "officers@ansm.example", kinds: ["estimate_refused"])
            }
            try await harness.decideThreeEstimates()
            do {
                try await eventually(timeout: .seconds(120)) {
                    receiver.records(MailRecord.self).contains { $0.subject.contains("estimate_refused") }
                }
            } catch {
                // Say why, from the exchange's own account of the target, before failing.
                let targets = try await harness.client("fr-admin", .countryAdmin) { try await $0.notificationTargets() }
                Issue.record("no estimate_refused mail: \(targets.map { "\($0.failures) failures, \($0.lastError)" })")
                throw error
            }
            // Delivery is at least once: a batch retried after a slow answer on a loaded machine
            // arrives again, under the same Message-ID.
            var seen: Set<String> = []
            let messages = receiver.records(MailRecord.self).filter { seen.insert($0.messageId).inserted }
            #expect(messages.count == 2)
            #expect(messages.allSatisfy { $0.tls && $0.rcptTos == ["officers@ansm.example"] })
            #expect(messages.allSatisfy { $0.mailFrom == "licit@exchange.example" && $0.to == "officers@ansm.example" })
            let registered = messages[0]
            #expect(registered.subject == "Licit FR-ANSM: notification_registered notification/FR-ANSM-1")
            #expect(registered.text.contains("registered the e-mail address officers@ansm.example"))
            let refused = messages[1]
            #expect(refused.subject.hasPrefix("Licit FR-ANSM: estimate_refused estimate/FR-"))
            #expect(refused.text.contains("not justified") && refused.text.contains("licit notify remove FR-ANSM-1"))
            #expect(refused.messageId.hasPrefix("<FR-ANSM-1."))
        }
    }

    @Test("without an SMTP server configured, an e-mail target waits and says why")
    func unconfigured() async throws {
        try await DeliveryHarness.with { harness in
            try await harness.client("fr-admin", .countryAdmin) { admin in
                let registered = try await admin.registerEmail(address: "officers@ansm.example")
                try await eventually(timeout: .seconds(60)) {
                    ((try? await admin.notificationTargets()) ?? []).first?.failures ?? 0 >= 1
                }
                let target = try #require(try await admin.notificationTargets().first)
                #expect(target.lastError.contains("no SMTP server is configured"))
                #expect(target.deliveredThrough == registered.deliveredThrough && target.retryAtMs > 0)
            }
        }
    }
}
