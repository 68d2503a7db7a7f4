import Foundation
import Testing

extension LicitCommandTests {
    @Test("licit notify: a webhook with a secret made and shown once, an e-mail target, their state, removal")
    func notify() async throws {
        let sandbox = try await self.sandbox
        let webhook = try await sandbox.licit(
            [
                "notify", "add-webhook", "https://licit.ansm.example/events", "--kinds", "ia_received", "--yes",
                "--json",
            ],
            as: "fr-admin"
        )
        #expect(webhook.status == 0, "\(webhook)")
        let id = try #require(try webhook.object["id"] as? String)
        let secret = try #require(try webhook.object["secret"] as? String)
        #expect(id.hasPrefix("FR-") && secret.count == 64, "\(webhook)")

        let mail = try await sandbox.licit(["notify", "add-email", "officers@ansm.example", "--yes"], as: "fr-admin")
        #expect(mail.status == 0 && mail.output.contains("every event to officers@ansm.example"), "\(mail)")
        let mailID = try #require(mail.output.split(separator: " ").dropFirst().first.map { String($0.dropLast()) })

        // The sandbox has no SMTP server: the e-mail target says so once the notifier has tried.
        var listed = try await sandbox.licit(["notify", "list", "--format", "csv"], as: "fr-admin")
        for _ in 0..<100 where !listed.output.contains("no SMTP server is configured") {
            try await Task.sleep(for: .milliseconds(100))
            listed = try await sandbox.licit(["notify", "list", "--format", "csv"], as: "fr-admin")
        }
        #expect(listed.output.contains("\(id),webhook,https://licit.ansm.example/events,ia_received"), "\(listed)")
        #expect(listed.output.contains("\(mailID),email,officers@ansm.example,all"), "\(listed)")
        #expect(listed.output.contains("no SMTP server is configured"), "\(listed)")
        #expect(!listed.output.contains(secret), "\(listed)")

        let removed = try await sandbox.licit(["notify", "remove", id, "--yes"], as: "fr-admin")
        #expect(removed.status == 0 && removed.output.contains("removed \(id)"), "\(removed)")
        let inbox = try await sandbox.licit(["inbox", "list"], as: "fr-signer")
        #expect(inbox.output.contains("notification_removed"), "\(inbox)")

        let unknownKind = try await sandbox.licit(
            ["notify", "add-email", "x@ansm.example", "--kinds", "ia_recieved", "--yes"],
            as: "fr-admin"
        )
        #expect(unknownKind.status == 1 && unknownKind.error.contains("ia_received"), "\(unknownKind)")
        let signer = try await sandbox.licit(["notify", "add-email", "x@ansm.example", "--yes"])
        #expect(signer.status == 1 && signer.error.contains("`licit notify add-email`"), "\(signer)")
    }
}
