import Foundation
import Testing

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
