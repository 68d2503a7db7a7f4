import Foundation
import LicitClient
import LicitModel
import LicitTestSupport
import LicitWire
import Testing

@Suite("Paper partners: the foreign CNA from the reference data, and scans for whoever may see them")
struct PaperScanTests {
    @Test("a paper IA names a listed CNA of its country; its scan and its EA's paper endorsement come back intact")
    func scans() async throws {
        try await Harness.with { harness in
            let day = harness.today
            var paper = TestWorld.morphineImport("NP-IA-5", on: day, kilograms: 2)
            paper.authority = "NP-XYZ"
            paper.importingCountry = "NP"
            paper.exportingCountry = "IN"
            paper.issuedOn = day.description
            paper.importer = .with {
                $0.name = "Bir Hospital"
                $0.address = "Kathmandu"
            }
            paper.exporter = .with { $0.id = "IN-T1" }
            let scan = Data("%PDF-1.4 Nepal's import certificate NP-IA-5".utf8)
            try await harness.client("in-signer", country: "IN") { india in
                let unknown = await refusal {
                    _ = try await india.recordPaperDocument(
                        .with {
                            $0.importAuthorization = paper
                            $0.scan = scan
                        }
                    )
                }
                #expect(unknown?.reason == "unknown_authority")
                #expect(unknown?.message.contains("NP-DDA") == true, "the message names the listed CNA")
                paper.authority = "NP-DDA"
                let recorded = try await india.recordPaperDocument(
                    .with {
                        $0.importAuthorization = paper
                        $0.scan = scan
                        $0.scanMediaType = "application/pdf"
                    }
                )
                let saved = try await india.scan(authority: "NP-DDA", number: "NP-IA-5")
                #expect(saved.scan == scan)
                #expect(saved.mediaType == "application/pdf")
                #expect(saved.sha256 == recorded.state.scanSha256)
                #expect(
                    await refusal {
                        _ = try await india.scan(authority: "NP-DDA", number: "NP-IA-5", endorsement: true)
                    }?
                    .reason == "not_found"
                )

                let cited = try #require(recorded.importAuthorization)
                let ea = try await india.issueExportAuthorization(
                    TestWorld.export("IN-EA-NP5", against: cited, kilograms: 2, on: day)
                )
                let notPaper = await refusal { _ = try await india.scan(authority: "IN-NCB", number: "IN-EA-NP5") }
                #expect(notPaper?.reason == "not_found")
                #expect(notPaper?.message.contains("endorsement") == true)
                let endorsement = Data("%PDF-1.4 Nepal's endorsement of IN-EA-NP5".utf8)
                let endorsed = try await india.endorse(
                    authority: "IN-NCB",
                    number: "IN-EA-NP5",
                    importedMilligrams: ea.exportAuthorization!.lines.map(\.baseMg),
                    scan: endorsement,
                    scanMediaType: "application/pdf"
                )
                let back = try await india.scan(authority: "IN-NCB", number: "IN-EA-NP5", endorsement: true)
                #expect(back.scan == endorsement)
                #expect(back.sha256 == endorsed.state.endorsementScanSha256)
            }
            try await harness.client("board", .boardObserver, country: "") { board in
                let seen = try await board.scan(authority: "NP-DDA", number: "NP-IA-5")
                #expect(seen.scan == scan)
            }
            try await harness.client("fr-signer") { france in
                // A document France may not see is answered exactly as one nobody recorded.
                let hidden = await refusal { _ = try await france.scan(authority: "NP-DDA", number: "NP-IA-5") }
                let absent = await refusal { _ = try await france.scan(authority: "NP-DDA", number: "NP-IA-6") }
                #expect(hidden?.reason == "document_not_found")
                #expect(hidden?.code == absent?.code && hidden?.reason == absent?.reason)
                #expect(hidden?.message.replacingOccurrences(of: "NP-IA-5", with: "NP-IA-6") == absent?.message)
            }
        }
    }
}
