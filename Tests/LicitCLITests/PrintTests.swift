import Foundation
import Testing

extension LicitCommandTests {
    @Test("the HTML export of an issued IA holds its number, parties, lines and seal, and verifies")
    func htmlExport() async throws {
        let sandbox = try await self.sandbox
        let ia = try await self.issueImport(sandbox, quantity: "25kg")
        let file = sandbox.root.appendingPathComponent("\(ia).html").path
        let exported = try await sandbox.licit(["export", "FR-ANSM/\(ia)", "--format", "html", "--output", file])
        #expect(exported.status == 0, "\(exported)")
        let html = try String(contentsOfFile: file, encoding: .utf8)
        for expected in [
            ia, "FR-ANSM", "France Pharma Ltd", "Ganges Alkaloids Ltd", "Ghazipur, Uttar Pradesh",
            "MORPHINE-SULFATE-PENTAHYDRATE",
            "25 kg (25000000 mg)", "18.8025 kg (18802500 mg)", "-----BEGIN LICIT SEALED DOCUMENT-----", "seal: ",
            "<!DOCTYPE html>", "licit verify",
        ] {
            #expect(html.contains(expected), "\(expected)")
        }
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("<script"), "self-contained")

        let valid = try await sandbox.licit(["verify", file, "--public-key", sandbox.sealKey], as: nil)
        #expect(valid.status == 0, "\(valid)")
        #expect(valid.output.contains("valid: Import authorization FR-ANSM/\(ia)"), "\(valid)")

        // One byte changed anywhere — in the visible text, in the sealed content, in the seal — is caught.
        let bytes = Array(html.utf8)
        let armor = try #require(html.range(of: "content:\n")).upperBound
        // The visible exporter's name, then a character inside the sealed bytes' base64.
        let offsets = [
            html.utf8.distance(from: html.startIndex, to: try #require(html.range(of: "Ganges Alkaloids")).lowerBound),
            html.utf8.distance(from: html.startIndex, to: armor) + 10,
        ]
        for offset in offsets {
            var altered = bytes
            altered[offset] = altered[offset] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
            let copy = sandbox.root.appendingPathComponent("\(ia)-altered-\(offset).html")
            try Data(altered).write(to: copy)
            let run = try await sandbox.licit(["verify", copy.path, "--public-key", sandbox.sealKey], as: nil)
            #expect(run.status == 4, "byte \(offset): \(run)")
        }

        let otherKey = Data(repeating: 7, count: 32).base64EncodedString()
        let wrongKey = try await sandbox.licit(["verify", file, "--public-key", otherKey], as: nil)
        #expect(wrongKey.status == 4 && wrongKey.error.contains("not among the keys given"), "\(wrongKey)")
    }

    @Test("text and JSON prints verify too, with the key saved in the profile", arguments: ["text", "json"])
    func otherFormats(format: String) async throws {
        let sandbox = try await self.sandbox
        let home = try sandbox.makeHome()
        let added = try await sandbox.licit(
            ["profile", "add", "fr", "--sandbox", sandbox.root.path, "--account", "fr-signer"],
            as: nil,
            home: home
        )
        #expect(added.status == 0, "\(added)")
        let ia = try await self.issueImport(sandbox)
        let exported = try await sandbox.licit(["export", ia, "--format", format], as: nil, home: home)
        #expect(exported.status == 0, "\(exported)")
        let file = sandbox.root.appendingPathComponent("\(ia).\(format)")
        try Data(exported.output.utf8).write(to: file)
        let verified = try await sandbox.licit(["verify", file.path], as: nil, home: home)
        #expect(verified.status == 0, "\(verified)")
        if format == "json" {
            let document = try #require(try exported.object["document"] as? [String: Any])
            #expect(document["number"] as? String == ia)
        }
    }
}

extension LicitCommandTests {
    @Test("an EA's print names its own exporter, its route, the CNA's full name and the signer, and verifies")
    func eaParticulars() async throws {
        let sandbox = try await self.sandbox
        let ia = try await self.issueImport(sandbox, quantity: "10kg")
        let ea = uniqueNumber("EA")
        let issued = try await sandbox.licit(
            [
                "ea", "issue", "--number", ea, "--ia", "FR-ANSM/\(ia)", "--line", "MORPHINE-SULFATE-PENTAHYDRATE=1kg",
                "--exporter", "IN-NCB-T2", "--port-of-exit", "Mumbai (INBOM)", "--port-of-entry", "Le Havre",
                "--transit", "ch", "--carrier", "Air Cargo Ltd", "--yes",
            ],
            as: "in-signer"
        )
        #expect(issued.status == 0, "\(issued)")
        let file = sandbox.root.appendingPathComponent("\(ea).txt").path
        let exported = try await sandbox.licit(
            ["export", "IN-NCB/\(ea)", "--format", "text", "--output", file],
            as: "in-signer"
        )
        #expect(exported.status == 0, "\(exported)")
        let text = try String(contentsOfFile: file, encoding: .utf8)
        for expected in [
            "India Generics SA", "Mumbai (INBOM)", "Le Havre", "Switzerland (CH)", "Air Cargo Ltd", "Signed by",
            "in-signer", "India — IN-NCB (IN-NCB)", "1 Ministry of Health Square, India",
        ] {
            #expect(text.contains(expected), "\(expected) in\n\(text)")
        }
        let valid = try await sandbox.licit(["verify", file, "--public-key", sandbox.sealKey], as: nil)
        #expect(valid.status == 0, "\(valid)")
    }
}
