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
