import Foundation
import Testing

/// What surprised a new user, each fixed and kept fixed.
extension LicitCommandTests {
    @Test("--json failures print a JSON error object: reason, code, message, hint, request id")
    func jsonErrors() async throws {
        let sandbox = try await self.sandbox
        let run = try await sandbox.licit([
            "ia", "issue", "--number", uniqueNumber("IA"), "--exporting-country", "IN", "--importer", "FR-ANSM-T1",
            "--exporter-name", "Ganges Alkaloids Ltd", "--line", "MORPHINE=900kg", "--yes", "--json",
            "--override", "",
        ])
        #expect(run.status == 1, "\(run)")
        let error = try #require(try run.object["error"] as? [String: Any], "\(run)")
        #expect(error["exitStatus"] as? Int == 1)
        #expect(!(error["message"] as? String ?? "").isEmpty && error["hint"] != nil, "\(error)")
        let hidden = try await sandbox.licit(["ia", "show", "IN-NCB/NO-SUCH-IA", "--json"])
        let notFound = try #require(try hidden.object["error"] as? [String: Any], "\(hidden)")
        #expect(notFound["reason"] as? String == "document_not_found" && notFound["code"] as? String == "NOT_FOUND")
    }

    @Test("lists refuse filter values that match nothing, with the nearest known ones")
    func unknownFilters() async throws {
        let sandbox = try await self.sandbox
        let status = try await sandbox.licit(["ia", "list", "--status", "bogus"])
        #expect(status.status == 64 && status.error.contains("partly_used"), "\(status)")
        let country = try await sandbox.licit(["ea", "list", "--counterpart", "INN"])
        #expect(country.status == 64 && country.error.contains("did you mean IN"), "\(country)")
        let substance = try await sandbox.licit(["ia", "list", "--substance", "MORPHIN"])
        #expect(substance.status == 64 && substance.error.contains("did you mean MORPHINE"), "\(substance)")
        let fine = try await sandbox.licit(["ia", "list", "--status", "issued", "--substance", "morphine"])
        #expect(fine.status == 0, "\(fine)")
    }

    @Test("validate predicts the issue, a taken number included, and never says it is about to issue")
    func validatePredicts() async throws {
        let sandbox = try await self.sandbox
        let taken = try await self.issueImport(sandbox)
        let run = try await sandbox.licit([
            "ia", "validate", "--number", taken, "--exporting-country", "IN", "--importer", "FR-ANSM-T1",
            "--exporter-name", "Ganges Alkaloids Ltd", "--exporter-address", "Ghazipur", "--line", "MORPHINE=1kg",
        ])
        #expect(run.status == 1 && run.output.contains("duplicate_number"), "\(run)")
        #expect(!run.output.contains("About to") && run.output.contains("Checked (nothing issued)"), "\(run)")
        let clean = try await sandbox.licit([
            "ia", "validate", "--number", uniqueNumber("IA"), "--exporting-country", "IN", "--importer",
            "FR-ANSM-T1", "--exporter-name", "Ganges Alkaloids Ltd", "--exporter-address", "Ghazipur", "--line",
            "MORPHINE=1kg",
        ])
        #expect(clean.status == 0 && clean.output.contains("The exchange would accept it."), "\(clean)")
    }

    @Test("the sandbox catalogue holds cannabis and cannabis resin")
    func cannabis() async throws {
        let run = try await self.sandbox.licit(["ref", "substances"])
        #expect(run.output.contains("CANNABIS") && run.output.contains("CANNABIS-RESIN"), "\(run)")
    }
}

extension LicitCommandTests {
    @Test("ref substances shows the factor in force today and a later one as scheduled; a typo gets the nearest names")
    func factorsInForce() async throws {
        let sandbox = try await self.sandbox
        let file = sandbox.root.appendingPathComponent("factor-\(UUID().uuidString).json")
        try Data(
            #"""
            {"substances": [{"code": "TESTOPIATE", "name": "Testopiate", "convention": "1961", "schedules": [1],
              "forms": [{"code": "TESTOPIATE", "name": "testopiate (base)",
                         "factors": [{"millionths": 1000000, "effectiveFrom": "2019-01-01", "source": "computed"}]},
                        {"code": "TESTOPIATE-HCL", "name": "testopiate hydrochloride",
                         "factors": [{"millionths": 880000, "effectiveFrom": "2019-01-01", "source": "computed"},
                                     {"millionths": 870000, "effectiveFrom": "2099-01-01", "source": "published"}]}]}]}
            """#.utf8
        ).write(to: file)
        let imported = try await sandbox.licit(["admin", "import-reference", file.path, "--yes"], as: "board-admin")
        #expect(imported.status == 0, "\(imported)")
        let shown = try await sandbox.licit(["ref", "substances", "--search", "testopiate-hcl"])
        let lines = shown.output.split(separator: "\n").filter { $0.contains("TESTOPIATE-HCL") }
        #expect(lines.count == 2, "\(shown)")
        #expect(lines.first?.contains("0.8800") == true && lines.first?.contains("in force") == true, "\(shown)")
        #expect(lines.last?.contains("0.8700") == true && lines.last?.contains("2099-01-01") == true, "\(shown)")
        #expect(lines.last?.contains("scheduled") == true, "\(shown)")
        let typo = try await sandbox.licit(["ref", "substances", "--search", "morfine"])
        #expect(typo.status == 64 && typo.error.contains("did you mean MORPHINE"), "\(typo)")
    }
}

extension LicitCommandTests {
    @Test("table headers follow --lang, then LICIT_LANG")
    func translatedHeaders() async throws {
        let sandbox = try await self.sandbox
        _ = try await self.issueImport(sandbox)
        let french = try await sandbox.licit(["ia", "list", "--lang", "fr", "--limit", "1"])
        #expect(french.output.contains("STATUT") && french.output.contains("PARTENAIRE"), "\(french)")
        let spanish = try await sandbox.licit(["balance"], environment: ["LICIT_LANG": "es"])
        #expect(spanish.output.contains("SUSTANCIA") && spanish.output.contains("AÑO"), "\(spanish)")
        let english = try await sandbox.licit(["balance"])
        #expect(english.output.contains("SUBSTANCE"), "\(english)")
    }
}

extension LicitCommandTests {
    @Test("the role is checked before licit asks for a confirmation")
    func roleBeforeConfirmation() async throws {
        let sandbox = try await self.sandbox
        let run = try await sandbox.licit(
            [
                "ia", "issue", "--number", uniqueNumber("IA"), "--exporting-country", "IN", "--importer", "FR-ANSM-T1",
                "--exporter-name", "Ganges Alkaloids Ltd", "--exporter-address", "Ghazipur", "--line", "MORPHINE=1kg",
            ],
            as: "fr-officer",
            input: ["y"]
        )
        #expect(run.status == 1, "\(run)")
        #expect(
            run.error.contains("`licit ia issue` is not for your account's role (officer): it needs signer"),
            "\(run)"
        )
        #expect(!run.error.contains("[y/N]") && !run.error.contains("About to"), "nothing was asked: \(run)")
        let allowed = try await sandbox.licit(
            [
                "ia", "issue", "--number", uniqueNumber("IA"), "--exporting-country", "IN", "--importer", "FR-ANSM-T1",
                "--exporter-name", "Ganges Alkaloids Ltd", "--exporter-address", "Ghazipur", "--line", "MORPHINE=1kg",
            ],
            input: ["y"]
        )
        #expect(allowed.status == 0 && allowed.error.contains("[y/N]"), "a signer is asked, then issues: \(allowed)")
    }
}
