import Foundation
import Testing

extension LicitCommandTests {
    /// The sandbox's day and a day `days` later.
    func sandboxDays(_ sandbox: CLISandbox, later days: Int) async throws -> (today: String, later: String) {
        let clock = try await sandbox.licit(["sandbox", "clock", "--json"], as: "board-admin")
        let today = try #require(try clock.object["day"] as? String)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        let date = try #require(formatter.date(from: today))
        return (today, formatter.string(from: date.addingTimeInterval(Double(days) * 86_400)))
    }

    @Test("paper partners through licit: a paper IA and a paper EA recorded with scans, the scans saved back")
    func paperPartners() async throws {
        let sandbox = try await self.sandbox
        let (today, later) = try await self.sandboxDays(sandbox, later: 60)
        let folder = sandbox.root.appendingPathComponent("scans-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let scan = folder.appendingPathComponent("np-ia.pdf")
        try Data("%PDF-1.4 Nepal's import certificate".utf8).write(to: scan)

        // A paper IA from Nepal to France; the foreign CNA's code is checked against the reference data.
        let number = uniqueNumber("NP-IA")
        var arguments = [
            "ia", "record-paper", "--authority", "NP-HEALTH", "--number", number, "--issued-on", today, "--to", later,
            "--importing-country", "NP", "--importer-name", "Bir Hospital", "--importer-address", "Kathmandu",
            "--exporter", "FR-ANSM-T1", "--line", "MORPHINE=2kg", "--scan", scan.path, "--yes",
        ]
        let unknown = try await sandbox.licit(arguments)
        #expect(unknown.status == 1 && unknown.error.contains("NP-DDA"), "\(unknown)")
        arguments[3] = "NP-DDA"
        let recorded = try await sandbox.licit(arguments + ["--json"])
        #expect(recorded.status == 0, "\(recorded)")
        let state = try #require(try recorded.object["state"] as? [String: Any])
        #expect(state["paper"] as? Bool == true && state["recordedBy"] as? String == "FR-ANSM", "\(recorded)")
        let exported = try await sandbox.licit([
            "ea", "issue", "--number", uniqueNumber("EA-NP"), "--ia", "NP-DDA/\(number)", "--line", "MORPHINE=1kg",
            "--yes",
        ])
        #expect(exported.status == 0, "\(exported)")

        let saved = folder.appendingPathComponent("saved.pdf")
        let fetched = try await sandbox.licit(["scan", "NP-DDA/\(number)", "--out", saved.path])
        #expect(fetched.status == 0 && fetched.output.contains("as recorded"), "\(fetched)")
        #expect(try Data(contentsOf: saved) == Data(contentsOf: scan))
        let again = try await sandbox.licit(["scan", "NP-DDA/\(number)", "--out", saved.path])
        #expect(again.status == 64 && again.error.contains("cannot write"), "an existing file is not overwritten")
        let hidden = try await sandbox.licit(["scan", "NP-DDA/\(number)", "--out", saved.path + "2"], as: "de-signer")
        #expect(hidden.status == 1 && hidden.error.contains("document_not_found"), "\(hidden)")

        // France's IA to Laos, answered by Laos's EA on paper, which France then endorses.
        let ia = uniqueNumber("IA-LA")
        let issued = try await sandbox.licit([
            "ia", "issue", "--number", ia, "--exporting-country", "LA", "--importer", "FR-ANSM-T1",
            "--exporter-name", "Lao Pharma", "--exporter-address", "Vientiane", "--line", "MORPHINE=2kg", "--yes",
        ])
        #expect(issued.status == 0, "\(issued)")
        let eaScan = folder.appendingPathComponent("la-ea.png")
        try Data([0x89, 0x50, 0x4E, 0x47, 1, 2, 3]).write(to: eaScan)
        let ea = uniqueNumber("LA-EA")
        let paperEA = try await sandbox.licit([
            "ea", "record-paper", "--ia", ia, "--authority", "LA-FDD", "--number", ea, "--issued-on", today,
            "--to", later, "--exporter-name", "Lao Pharma", "--exporter-address", "Vientiane",
            "--line", "MORPHINE=2kg", "--scan", eaScan.path, "--yes", "--json",
        ])
        #expect(paperEA.status == 0, "\(paperEA)")
        let endorsed = try await sandbox.licit(["endorse", "LA-FDD/\(ea)", "--received", "1.8kg", "--yes"])
        #expect(endorsed.status == 0, "\(endorsed)")
        let image = folder.appendingPathComponent("la-ea-copy.png")
        let board = try await sandbox.licit(["scan", "LA-FDD/\(ea)", "--out", image.path], as: "board-observer")
        #expect(board.status == 0 && board.output.contains("image/png"), "\(board)")
        #expect(try Data(contentsOf: image) == Data(contentsOf: eaScan))
    }
}
