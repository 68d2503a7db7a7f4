import Foundation
import Testing

extension LicitCommandTests {
    @Test("bulk issue: every record checked first, each issued once under its own request id, a report per line")
    func bulkIssue() async throws {
        let sandbox = try await self.sandbox
        let folder = sandbox.root.appendingPathComponent("bulk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let (a, b, c) = (uniqueNumber("IA-B"), uniqueNumber("IA-B"), uniqueNumber("IA-B"))
        let csv = folder.appendingPathComponent("ias.csv")
        try Data(
            """
            number,exporting_country,importer,exporter_name,exporter_address,line,single_consignment
            \(a),IN,FR-ANSM-T1,Ganges Alkaloids Ltd,"Ghazipur, Uttar Pradesh",MORPHINE=1kg;CODEINE=2kg,false
            \(b),IN,FR-ANSM-T1,"Bombay ""Alkaloids"" Co",Mumbai,MORPHINE=1kg,true
            \(c),IN,FR-ANSM-T1,Ganges Alkaloids Ltd,Ghazipur,MORPHINE=900000kg,false

            """.utf8
        ).write(to: csv)
        let first = try await sandbox.licit(["ia", "issue", "--from-file", csv.path, "--yes", "--json"])
        #expect(first.status == 1, "one record is over the estimate: \(first)")
        let report = try #require(try first.json as? [[String: Any]])
        #expect(report.map { $0["number"] as? String } == [a, b, c])
        #expect(report.map { $0["result"] as? String } == ["issued", "issued", "refused"], "\(report)")
        #expect(report.map { $0["line"] as? Int } == [2, 3, 4])
        #expect(report[2]["reason"] as? String == "over_estimate")
        let shown = try await sandbox.licit(["ia", "show", b, "--json"])
        let content = try #require(try shown.object["content"] as? [String: Any])
        #expect((content["exporter"] as? [String: Any])?["name"] as? String == "Bombay \"Alkaloids\" Co")
        #expect(content["multipleConsignments"] == nil, "single_consignment true: \(content)")
        let lines = try #require(
            (try await sandbox.licit(["ia", "show", a, "--json"]).object["content"] as? [String: Any])?["lines"]
                as? [[String: Any]]
        )
        #expect(lines.count == 2)

        // The same file again: the issued records are answered as the first time, never issued twice.
        let again = try await sandbox.licit(["ia", "issue", "--from-file", csv.path, "--yes"])
        #expect(again.status == 1 && again.error.contains("2 of 3 issued"), "\(again)")
        #expect(again.output.contains("issued") && again.output.contains("over_estimate"), "\(again)")

        // A record that is not a command line the flags accept: nothing at all is issued.
        let bad = folder.appendingPathComponent("bad.jsonl")
        let d = uniqueNumber("IA-B")
        try Data(
            """
            {"number": "\(d)", "exporting_country": "IN", "importer": "FR-ANSM-T1", "exporter_name": "X", "line": ["MORPHINE=1kg"]}
            {"number": "\(d)-2", "colour": "blue", "line": "MORPHINE=1kg"}

            """.utf8
        ).write(to: bad)
        let refused = try await sandbox.licit(["ia", "issue", "--from-file", bad.path, "--yes"])
        #expect(refused.status == 64 && refused.error.contains("line 2: no such column colour"), "\(refused)")
        #expect(try await sandbox.licit(["ia", "show", d]).status == 1, "nothing was issued")

        // EAs as JSON lines, against the first IA.
        let eas = folder.appendingPathComponent("eas.jsonl")
        let (e1, e2) = (uniqueNumber("EA-B"), uniqueNumber("EA-B"))
        try Data(
            """
            {"number": "\(e1)", "ia": "FR-ANSM/\(a)", "line": ["MORPHINE=0.5kg", "CODEINE=1kg"], "transit": ["CH"]}
            {"number": "\(e2)", "ia": "FR-ANSM/\(a)", "line": ["MORPHINE=0.5kg", "CODEINE=1kg"]}

            """.utf8
        ).write(to: eas)
        let exported = try await sandbox.licit(["ea", "issue", "--from-file", eas.path, "--yes"], as: "in-signer")
        #expect(exported.status == 0 && exported.error.contains("2 of 2 issued"), "\(exported)")
        let mixed = try await sandbox.licit(
            ["ea", "issue", "--from-file", eas.path, "--number", "X", "--line", "MORPHINE=1kg", "--yes"],
            as: "in-signer"
        )
        #expect(mixed.status == 64, "\(mixed)")
    }
}
