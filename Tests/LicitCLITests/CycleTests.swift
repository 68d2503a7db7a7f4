import Foundation
import Testing

extension LicitCommandTests {
    @Test("an IA → EA → short export → endorsement cycle, driven only through licit, with JSON checked")
    func fullCycle() async throws {
        let sandbox = try await self.sandbox
        let ia = uniqueNumber("IA")
        let issued = try await sandbox.licit([
            "ia", "issue", "--number", ia, "--exporting-country", "IN", "--importer", "FR-ANSM-T1",
            "--exporter-name", "Ganges Alkaloids Ltd", "--exporter-address", "Ghazipur",
            "--line", "codeine phosphate hemihydrate=10kg", "--yes", "--json",
        ])
        #expect(issued.status == 0, "\(issued)")
        // The preview states the base quantity the catalogue's factor gives (0.7367) and the balance after.
        #expect(issued.error.contains("10 kg  ->  7.367 kg of CODEINE base"), "\(issued)")
        #expect(issued.error.contains("Balances after:"))
        let iaJSON = try issued.object
        #expect(iaJSON["kind"] as? String == "import_authorization")
        #expect(iaJSON["status"] as? String == "issued")
        #expect(iaJSON["number"] as? String == ia)
        let iaLine = try #require(((iaJSON["content"] as? [String: Any])?["lines"] as? [[String: Any]])?.first)
        #expect(iaLine["form"] as? String == "CODEINE-PHOSPHATE-HEMIHYDRATE")
        #expect(iaLine["baseMg"] as? Int == 7_367_000)

        let ea = uniqueNumber("EA")
        let exported = try await sandbox.licit(
            [
                "ea", "issue", "--number", ea, "--ia", "FR-ANSM/\(ia)", "--line", "CODEINE-PHOSPHATE-HEMIHYDRATE=4kg",
                "--yes", "--json",
            ],
            as: "in-signer"
        )
        #expect(exported.status == 0, "\(exported)")
        let eaContent = try #require(try exported.object["content"] as? [String: Any])
        #expect((eaContent["importAuthorization"] as? [String: Any])?["number"] as? String == ia)
        #expect(eaContent["importingCountry"] as? String == "FR")

        let shown = try await sandbox.licit(["ia", "show", ia, "--json"])
        #expect(shown.status == 0, "\(shown)")
        #expect(try shown.object["status"] as? String == "partly_used")
        #expect((try shown.object["state"] as? [String: Any])?["committedMg"] as? [Int] == [2_946_800])
        #expect(try shown.object["sealValid"] as? Bool == true)

        let short = try await sandbox.licit(
            ["ea", "record-exported", ea, "--exported", "base:2.9kg", "--yes", "--json"],
            as: "in-signer"
        )
        #expect(short.status == 0, "\(short)")
        #expect((try short.object["state"] as? [String: Any])?["exportedMg"] as? [Int] == [2_900_000])

        let endorsed = try await sandbox.licit([
            "endorse", "IN-NCB/\(ea)", "--received", "base:2800g", "--yes", "--json",
        ])
        #expect(endorsed.status == 0, "\(endorsed)")
        #expect(try endorsed.object["status"] as? String == "endorsed")
        #expect((try endorsed.object["state"] as? [String: Any])?["importedMg"] as? [Int] == [2_800_000])

        let history = try await sandbox.licit(["ea", "show", "IN-NCB/\(ea)", "--history"])
        #expect(history.status == 0, "\(history)")
        for action in ["issued", "exported_recorded", "endorsed"] {
            #expect(history.output.contains(action), "\(history)")
        }

        let balance = try await sandbox.licit(["balance", "--substance", "CODEINE", "--json"])
        #expect(balance.status == 0, "\(balance)")
        let codeine = try #require((try balance.json as? [[String: Any]])?.first)
        #expect(codeine["importedMg"] as? Int == 2_800_000)
        let limit = try #require(codeine["limitMg"] as? Int)
        let authorized = codeine["authorizedNotUsedMg"] as? Int ?? 0
        #expect(codeine["remainingMg"] as? Int == limit - authorized - 2_800_000)

        let listed = try await sandbox.licit(
            ["ea", "list", "--counterpart", "FR", "--substance", "CODEINE"],
            as: "in-signer"
        )
        #expect(listed.output.contains("IN-NCB/\(ea)") && listed.output.contains("endorsed"), "\(listed)")
    }

    @Test("the inbox lists and acknowledges events, and watch prints the counterpart's as it arrives")
    func inboxAndWatch() async throws {
        let sandbox = try await self.sandbox
        let before = try await sandbox.licit(
            ["inbox", "list", "--after", "0", "--limit", "1000", "--json"],
            as: "in-signer"
        )
        #expect(before.status == 0, "\(before)")
        let last =
            (try before.object["events"] as? [[String: Any]] ?? []).compactMap { $0["sequence"] as? Int }.max() ?? 0

        let watching = Task {
            try await sandbox.licit(
                ["watch", "--after", "\(last)", "--count", "1", "--json", "--ack"],
                as: "in-signer"
            )
        }
        try await Task.sleep(for: .milliseconds(300))
        let ia = try await self.issueImport(sandbox)
        let watched = try await watching.value
        #expect(watched.status == 0, "\(watched)")
        let event = try #require(try JSONSerialization.jsonObject(with: Data(watched.output.utf8)) as? [String: Any])
        #expect(event["kind"] as? String == "ia_received")
        #expect((event["document"] as? [String: Any])?["number"] as? String == ia)

        let after = try await sandbox.licit(["inbox", "list", "--json"], as: "in-signer")
        let acknowledged = try #require(try after.object["acknowledged"] as? Int)
        #expect(acknowledged == event["sequence"] as? Int, "watch --ack moved the cursor to the event it printed")

        let table = try await sandbox.licit(["inbox", "list", "--after", "\(last)"], as: "in-signer")
        #expect(table.output.contains("ia_received") && table.output.contains("FR-ANSM/\(ia)"), "\(table)")
        let ack = try await sandbox.licit(["inbox", "ack", "\(acknowledged)"], as: "in-signer")
        #expect(ack.status == 0 && ack.output.contains("acknowledged through \(acknowledged)"), "\(ack)")
    }

    @Test("drafts are issued by a signer; amendments supersede; cancellation needs a reason and asks")
    func draftAmendCancel() async throws {
        let sandbox = try await self.sandbox
        let draft = uniqueNumber("IA")
        let drafted = try await sandbox.licit(
            [
                "ia", "draft", "--number", draft, "--exporting-country", "IN", "--importer", "FR-ANSM-T1",
                "--exporter-name", "Ganges Alkaloids Ltd", "--exporter-address", "Ghazipur", "--line", "MORPHINE=1kg",
            ],
            as: "fr-officer"
        )
        #expect(drafted.status == 0 && drafted.output.contains("drafted FR-ANSM/\(draft) (draft)"), "\(drafted)")
        let issued = try await sandbox.licit(["ia", "issue", "--draft", draft, "--yes"])
        #expect(issued.status == 0 && issued.output.contains("issued FR-ANSM/\(draft) (issued)"), "\(issued)")

        let amendment = uniqueNumber("IA")
        let amended = try await sandbox.licit([
            "ia", "amend", draft, "--number", amendment, "--line", "MORPHINE=2kg", "--yes", "--json",
        ])
        #expect(amended.status == 0, "\(amended)")
        let content = try #require(try amended.object["content"] as? [String: Any])
        #expect(content["supersedes"] as? String == draft)
        #expect(content["exporter"] as? [String: Any] != nil, "unchanged fields come from the superseded IA")
        let old = try await sandbox.licit(["ia", "show", draft, "--json"])
        #expect(try old.object["status"] as? String == "superseded")

        let declined = try await sandbox.licit(
            ["ia", "cancel", amendment, "--reason", "importer closed"],
            input: ["n"]
        )
        #expect(declined.status == 5, "\(declined)")
        let cancelled = try await sandbox.licit(
            ["ia", "cancel", amendment, "--reason", "importer closed"],
            input: ["yes"]
        )
        #expect(cancelled.status == 0 && cancelled.output.contains("cancelled"), "\(cancelled)")
        let shown = try await sandbox.licit(["ia", "show", amendment])
        #expect(shown.output.contains("Cancelled because  importer closed"), "\(shown)")
    }
}

extension LicitCommandTests {
    @Test("--exported and --received: of the line's form (converted and shown), or base with base:")
    func oneUnitRule() async throws {
        let sandbox = try await self.sandbox
        let ia = try await self.issueImport(sandbox, quantity: "10kg", form: "MORPHINE-SULFATE-PENTAHYDRATE")
        let ea = uniqueNumber("EA")
        let issued = try await sandbox.licit(
            [
                "ea", "issue", "--number", ea, "--ia", "FR-ANSM/\(ia)", "--line", "MORPHINE-SULFATE-PENTAHYDRATE=4kg",
                "--yes",
            ],
            as: "in-signer"
        )
        #expect(issued.status == 0, "\(issued)")
        // 3 kg of the sulfate pentahydrate (factor 0.7521) is 2.2563 kg of base.
        let short = try await sandbox.licit(
            ["ea", "record-exported", ea, "--exported", "3kg", "--json"],
            as: "in-signer",
            input: ["y"]
        )
        #expect(short.error.contains("3 kg of MORPHINE-SULFATE-PENTAHYDRATE = 2.2563 kg of base"), "\(short)")
        #expect((try short.object["state"] as? [String: Any])?["exportedMg"] as? [Int] == [2_256_300], "\(short)")
        let endorsed = try await sandbox.licit(
            ["endorse", "IN-NCB/\(ea)", "--received", "base:2kg", "--json"],
            input: ["y"]
        )
        #expect(endorsed.error.contains("2 kg of base"), "\(endorsed)")
        #expect((try endorsed.object["state"] as? [String: Any])?["importedMg"] as? [Int] == [2_000_000])
        let bad = try await sandbox.licit([
            "endorse", "IN-NCB/\(ea)", "--received", "1kg", "--received", "1kg", "--yes",
        ])
        #expect(bad.status == 64 && bad.error.contains("no line of the EA"), "\(bad)")
    }
}
