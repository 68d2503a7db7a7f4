import Foundation
import LicitClient
import LicitWire
import Testing

@testable import LicitCLI

extension LicitCommandTests {
    /// The quarter of the sandbox's (real) clock.
    static var thisQuarter: (year: Int, quarter: Int) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month], from: Date())
        return (parts.year!, (parts.month! - 1) / 3 + 1)
    }

    @Test("returns: a CNA's own in a table, CSV, JSON and printable HTML; another country's refused")
    func statisticalReturns() async throws {
        let sandbox = try await self.sandbox
        let ia = try await self.issueImport(sandbox, quantity: "4kg", form: "MORPHINE")
        let ea = uniqueNumber("EA")
        let issued = try await sandbox.licit(
            ["ea", "issue", "--number", ea, "--ia", "FR-ANSM/\(ia)", "--line", "MORPHINE=3kg", "--yes"],
            as: "in-signer"
        )
        #expect(issued.status == 0, "\(issued)")
        #expect(try await sandbox.licit(["endorse", "IN-NCB/\(ea)", "--received", "2.5kg", "--yes"]).status == 0)
        let (year, quarter) = Self.thisQuarter
        let period = ["--year", "\(year)", "--quarter", "\(quarter)"]

        let json = try await sandbox.licit(["return", "--form", "A", "--format", "json"] + period)
        #expect(json.status == 0, "\(json)")
        let lines = try #require(try json.object["lines"] as? [[String: Any]])
        let line = try #require(
            lines.first { ($0["documents"] as? [[String: Any]])?.contains { $0["number"] as? String == ea } == true }
        )
        #expect(line["direction"] as? String == "import" && line["partnerCountry"] as? String == "IN")

        let table = try await sandbox.licit(["return", "--form", "A", "--documents"] + period)
        #expect(
            table.output.contains("Form A — quarterly statistics") && table.output.contains("IN-NCB/\(ea)"),
            "\(table)"
        )
        let csv = try await sandbox.licit(["return", "--form", "A", "--format", "csv"] + period, as: "in-signer")
        #expect(csv.output.hasPrefix("direction,substance,partner_country,base_mg,base,documents"), "\(csv)")
        #expect(csv.output.contains("export,MORPHINE,FR,"), "\(csv)")
        let french = try await sandbox.licit(["return", "--form", "A", "--format", "html", "--lang", "fr"] + period)
        #expect(french.output.contains("Formulaire A") && french.output.contains("Inde (IN)"), "\(french)")

        let other = try await sandbox.licit(["return", "--form", "A", "--country", "IN"] + period)
        #expect(other.status == 1 && other.error.contains("other_country_return"), "\(other)")
        let annualWithQuarter = try await sandbox.licit(["return", "--form", "C"] + period)
        #expect(annualWithQuarter.status == 64, "\(annualWithQuarter)")
        let board = try await sandbox.licit(
            ["return", "--form", "C", "--year", "\(year)", "--country", "IN", "--json"],
            as: "board-observer"
        )
        #expect(board.status == 0, "\(board)")
    }

    @Test("the Board's oversight commands, with CSV; refused to a CNA")
    func boardOversight() async throws {
        let sandbox = try await self.sandbox
        let ia = try await self.issueImport(sandbox, quantity: "1kg", form: "MORPHINE")
        let ea = uniqueNumber("EA")
        #expect(
            try await sandbox.licit(
                ["ea", "issue", "--number", ea, "--ia", "FR-ANSM/\(ia)", "--line", "MORPHINE=1kg", "--yes"],
                as: "in-signer"
            ).status == 0
        )
        #expect(
            try await sandbox.licit(["ea", "cancel", ea, "--reason", "ship lost its slot", "--yes"], as: "in-signer")
                .status == 0
        )

        let flows = try await sandbox.licit(
            ["board", "flows", "--from-country", "IN", "--to-country", "FR", "--format", "csv"],
            as: "board-observer"
        )
        #expect(flows.status == 0, "\(flows)")
        #expect(flows.output.hasPrefix("from,to,substance,status,EAs,authorized,exported,imported"), "\(flows)")
        #expect(flows.output.contains("IN,FR,MORPHINE,cancelled,"), "\(flows)")
        let withdrawn = try await sandbox.licit(
            ["board", "withdrawn", "--country", "IN", "--json"],
            as: "board-observer"
        )
        let notes = (try withdrawn.json as? [[String: Any]])?.compactMap { $0["note"] as? String } ?? []
        #expect(notes.contains("ship lost its slot"), "\(withdrawn)")
        for command in [
            ["overrides"], ["emergencies"], ["overdue"], ["estimates", "--threshold", "1"], ["paper-partners"],
        ] {
            let run = try await sandbox.licit(["board"] + command, as: "board-observer")
            #expect(run.status == 0, "\(run)")
        }
        let estimates = try await sandbox.licit(
            ["board", "estimates", "--threshold", "1", "--substance", "MORPHINE"],
            as: "board-observer"
        )
        #expect(estimates.output.contains("FR") && estimates.output.contains("%"), "\(estimates)")
        let refused = try await sandbox.licit(["board", "flows"])
        #expect(refused.status == 1 && refused.error.contains("role_not_permitted"), "\(refused)")
    }

    @Test("French and Spanish: names and labels in exported documents (which still verify) and in show")
    func languages() async throws {
        let sandbox = try await self.sandbox
        let ia = try await self.issueImport(sandbox, quantity: "2kg", form: "MORPHINE")
        for (language, expected) in [
            ("fr", ["Autorisation d'importation", "Inde (IN)", "Pays exportateur", "base anhydre", "lang=\"fr\""]),
            (
                "es",
                ["Autorización de importación", "Morfina (MORPHINE)", "Francia (FR)", "País importador", "lang=\"es\""]
            ),
        ] {
            let file = sandbox.root.appendingPathComponent("\(ia)-\(language).html").path
            let exported = try await sandbox.licit([
                "export", ia, "--format", "html", "--lang", language, "--output", file,
            ])
            #expect(exported.status == 0, "\(exported)")
            let html = try String(contentsOfFile: file, encoding: .utf8)
            for text in expected { #expect(html.contains(text), "\(language): \(text)") }
            let verified = try await sandbox.licit(["verify", file, "--public-key", sandbox.sealKey], as: nil)
            #expect(verified.status == 0, "\(verified)")
        }
        let shown = try await sandbox.licit(["ia", "show", ia], environment: ["LICIT_LANG": "es"])
        #expect(shown.output.contains("Estado") && shown.output.contains("expedida"), "\(shown)")
        let refused = try await sandbox.licit(
            [
                "ea", "issue", "--number", uniqueNumber("EA"), "--ia", "FR-ANSM/\(ia)", "--line", "MORPHINE=3kg",
                "--yes",
            ],
            as: "in-signer",
            environment: ["LICIT_LANG": "fr"]
        )
        #expect(
            refused.error.contains("[over_remaining_ia — dépasse le solde de l'autorisation d'importation]"),
            "\(refused)"
        )
        let json = try await sandbox.licit(["ia", "show", ia, "--json", "--lang", "fr"])
        #expect(try json.object["status"] as? String == "issued", "the JSON carries codes, never translations")
    }
}

extension LicitCommandTests {
    @Test("the sandbox clock: shown, moved forward with what fell due swept at once, refused to others")
    func sandboxClock() async throws {
        // A sandbox of its own: the others' documents keep the shared sandbox's day.
        let sandbox = try await CLISandbox.start()
        let before = try await sandbox.licit(["sandbox", "clock", "--json"], as: "board-admin")
        #expect(before.status == 0, "\(before)")
        let refused = try await sandbox.licit(["sandbox", "clock", "--advance", "1d", "--yes"])
        #expect(refused.status == 1 && refused.error.contains("role_not_permitted"), "\(refused)")
        let bad = try await sandbox.licit(["sandbox", "clock", "--advance", "soon"], as: "board-admin")
        #expect(bad.status == 64, "\(bad)")
        let moved = try await sandbox.licit(["sandbox", "clock", "--advance", "40d", "--json"], as: "board-admin")
        #expect(moved.status == 0, "\(moved)")
        let day0 = try before.object["day"] as? String
        let day1 = try moved.object["day"] as? String
        #expect(day0 != nil && day1 != nil && day1! > day0!, "\(moved)")
        // licit takes new documents' default dates from the exchange's clock, not the machine's.
        let ia = uniqueNumber("IA")
        let issued = try await sandbox.licit([
            "ia", "issue", "--number", ia, "--exporting-country", "IN", "--importer", "FR-ANSM-T1",
            "--exporter-name", "Ganges Alkaloids Ltd", "--exporter-address", "Ghazipur", "--line", "MORPHINE=1kg",
            "--yes",
            "--json",
        ])
        #expect(issued.status == 0, "\(issued)")
        let period = try #require(((try issued.object["content"] as? [String: Any])?["period"] as? [String: Any]))
        #expect(period["first"] as? String == day1)
    }
}

extension LicitCommandTests {
    @Test("the audit trail: listed and exported with its chain verified for the Board; refused to a CNA")
    func auditTrail() async throws {
        let sandbox = try await self.sandbox
        let manifest = try LicitSandbox.read(sandbox: sandbox.root)
        let board = try manifest.configuration(for: try manifest.account("board-observer"))
        let before = try await withLicitClient(board) { try await $0.listAudit(pageSize: 1).headSequence }
        let ia = try await self.issueImport(sandbox, quantity: "1kg", form: "MORPHINE")
        let denied = try await sandbox.licit(["board", "flows"])
        #expect(denied.status == 1, "\(denied)")

        let listed = try await sandbox.licit(["audit", "list", "--after", "\(before)", "--json"], as: "board-observer")
        #expect(listed.status == 0, "\(listed)")
        let records = try #require(try listed.json as? [[String: Any]])
        let issued = records.first {
            $0["subject"] as? String == "FR-ANSM/\(ia)" && $0["action"] as? String == "ia.issue"
        }
        #expect(issued?["outcome"] as? String == "ok" && issued?["actor"] as? String == "fr-signer", "\(listed)")
        #expect((issued?["hash"] as? String)?.count == 64 && (issued?["at"] as? String)?.hasSuffix("Z") == true)
        #expect(issued?["at"] as? String == (issued?["atMs"] as? Int64).map(AuditCommand.time))
        #expect(AuditCommand.time(1_796_397_240_350) == "2026-12-04T15:14:00.350Z")
        #expect(AuditCommand.time(-1) == "1969-12-31T23:59:59.999Z")
        #expect(
            records.contains {
                $0["actor"] as? String == "fr-signer" && $0["outcome"] as? String == "role_not_permitted"
            },
            "\(listed)"
        )
        let table = try await sandbox.licit(["audit", "list", "--after", "\(before)"], as: "board-admin")
        #expect(table.status == 0, "\(table)")
        #expect(table.output.hasPrefix("SEQUENCE  AT (UTC)"), "\(table)")
        #expect(table.output.contains("FR-ANSM/\(ia)") && table.output.contains("role_not_permitted"), "\(table)")
        let one = try await sandbox.licit(["audit", "list", "--after", "\(before)", "--limit", "1"], as: "board-admin")
        #expect(one.error.contains("more records follow: licit audit list --after \(before + 1)"), "\(one)")

        let file = sandbox.root.appendingPathComponent("audit-\(UUID().uuidString).jsonl")
        let exported = try await sandbox.licit(["audit", "export", "--to", file.path], as: "board-admin")
        #expect(exported.status == 0, "\(exported)")
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
        let objects = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(objects.count > Int(before) && objects.count == lines.count)
        #expect(
            exported.output.hasPrefix(
                "\(AuditCommand.grouped(objects.count)) records, chain intact, head \(objects.count)/"
            )
        )
        #expect(exported.output.contains("/\(objects.last?["hash"] as? String ?? "?")"), "\(exported)")
        var previous = String(repeating: "0", count: 64)
        for (index, object) in objects.enumerated() {
            #expect(object["sequence"] as? Int == index + 1)
            #expect(object["previousHash"] as? String == previous, "record \(index + 1) does not link")
            previous = object["hash"] as? String ?? ""
        }
        #expect(objects.contains { $0["subject"] as? String == "FR-ANSM/\(ia)" })

        let since = try await sandbox.licit(
            ["audit", "export", "--to", file.path, "--after", "\(before)"],
            as: "board-observer"
        )
        #expect(since.status == 0 && since.output.contains("after record \(before), chain intact"), "\(since)")
        let sinceLines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
        #expect(sinceLines.first?.contains("\"sequence\":\(before + 1),") == true, "\(since)")

        for command in [["audit", "list"], ["audit", "export", "--to", file.path]] {
            let refused = try await sandbox.licit(command, as: "fr-signer")
            #expect(refused.status == 1 && refused.error.contains("role_not_permitted"), "\(refused)")
        }
    }

    @Test("audit checkpoint: the sealed head printed, appended to a file, delivered by a board admin only")
    func auditCheckpoint() async throws {
        let sandbox = try await self.sandbox
        _ = try await self.issueImport(sandbox, quantity: "1kg", form: "MORPHINE")
        let file = sandbox.root.appendingPathComponent("kept-\(UUID().uuidString).log")
        let kept = try await sandbox.licit(["audit", "checkpoint", "--append", file.path], as: "board-observer")
        #expect(kept.status == 0, "\(kept)")
        let line = kept.output.trimmingCharacters(in: .newlines)
        #expect(line.hasPrefix("licit-checkpoint-v1 ") && kept.error.contains(": valid"), "\(kept)")
        #expect(try String(contentsOf: file, encoding: .utf8) == line + "\n")

        let delivered = try await sandbox.licit(["audit", "checkpoint", "--deliver", "--json"], as: "board-admin")
        #expect(delivered.status == 0, "\(delivered)")
        let object = try delivered.object
        let sequence = try #require(object["sequence"] as? Int)
        #expect(sequence >= Int(line.split(separator: " ")[1])!, "\(delivered)")
        #expect((object["line"] as? String)?.hasPrefix("licit-checkpoint-v1 \(sequence) ") == true, "\(delivered)")
        #expect((object["headHash"] as? String)?.count == 64 && object["keyId"] as? String != nil, "\(delivered)")

        let observer = try await sandbox.licit(["audit", "checkpoint", "--deliver"], as: "board-observer")
        #expect(observer.status == 1 && observer.error.contains("role_not_permitted"), "\(observer)")
        let cna = try await sandbox.licit(["audit", "checkpoint"], as: "fr-signer")
        #expect(cna.status == 1 && cna.error.contains("role_not_permitted"), "\(cna)")
    }

    @Test("audit pages: page_size 1 walks every record, up to the head; page_size 1001 is refused")
    func auditPaging() async throws {
        let sandbox = try await self.sandbox
        let manifest = try LicitSandbox.read(sandbox: sandbox.root)
        _ = try await self.issueImport(sandbox, quantity: "1kg", form: "MORPHINE")
        try await withLicitClient(try manifest.configuration(for: try manifest.account("board-admin"))) { client in
            var walked: [Licit_V1_AuditEntry] = []
            var after: UInt64 = 0
            var last = Licit_V1_ListAuditResponse()
            repeat {
                last = try await client.listAudit(after: after, pageSize: 1)
                #expect(last.entries.count <= 1)
                walked += last.entries
                after = last.nextAfterSequence
            } while after != 0
            #expect(walked.map(\.sequence) == Array(1...UInt64(walked.count)))
            #expect(walked.last?.sequence == last.headSequence && walked.last?.hash == last.headHash)
            var check = AuditChainCheck(after: 0)
            for entry in walked { check.add(entry) }
            check.finish(headSequence: last.headSequence, headHash: last.headHash)
            #expect(check.firstBreak == nil, "\(check.firstBreak ?? "")")

            let page = try await client.listAudit(after: 0, pageSize: 1000)
            #expect(page.entries.count == min(1000, walked.count))
            let defaultPage = try await client.listAudit()
            #expect(defaultPage.entries.count == min(100, walked.count))
            let beyond = try await client.listAudit(after: last.headSequence + 10)
            #expect(beyond.entries.isEmpty && beyond.nextAfterSequence == 0)

            let error = await #expect(throws: LicitClientError.self) { try await client.listAudit(pageSize: 1001) }
            #expect(error?.status?.code == .invalidArgument && error?.status?.reason == "page_size_too_large")
            #expect(error?.status?.message.contains("at most 1000") == true, "\(String(describing: error))")

            // The client's check finds an altered, a missing and a cut-off record, naming the first.
            let sample = Array(walked.prefix(4))
            var altered = sample
            altered[1].detail += "!"
            var removed = sample
            removed.remove(at: 2)
            for (entries, broken) in [(altered, "record 2: its fields"), (removed, "record 4: expected record 3")] {
                var check = AuditChainCheck(after: 0)
                for entry in entries { check.add(entry) }
                #expect(check.firstBreak?.hasPrefix(broken) == true, "\(check.firstBreak ?? "")")
            }
            var cut = AuditChainCheck(after: 0)
            for entry in sample.prefix(3) { cut.add(entry) }
            cut.finish(headSequence: sample[3].sequence, headHash: sample[3].hash)
            #expect(cut.firstBreak?.hasPrefix("record 4: missing") == true, "\(cut.firstBreak ?? "")")
        }
        let large = try await sandbox.licit(["audit", "list", "--limit", "1001"], as: "board-admin")
        #expect(large.status == 0, "the CLI fetches a large --limit in pages of 1000: \(large)")
    }
}
