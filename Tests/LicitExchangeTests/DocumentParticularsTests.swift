import Foundation
import LicitClient
import LicitModel
import LicitTestSupport
import LicitWire
import Testing

@Suite("What a document states for the trade: the EA's own exporter, its route, and who signed")
struct DocumentParticularsTests {
    @Test("an EA names its exporter, ports, transit countries and carrier; IA and EA carry their signer, sealed")
    func particulars() async throws {
        try await Harness.with { harness in
            let day = harness.today
            let ia = try await harness.client("fr-signer") { france in
                var content = TestWorld.morphineImport("IA-P1", on: day)
                content.exporter = .with {
                    $0.name = "Deccan Trading Co"
                    $0.address = "Pune"
                }
                return try #require(try await france.issueImportAuthorization(content).importAuthorization)
            }
            #expect(ia.signedBy == "fr-signer")
            try await harness.client("in-signer", country: "IN") { india in
                var content = TestWorld.export("EA-P1", against: ia, kilograms: 1, on: day)
                content.exporter = .with { $0.id = "IN-T1" }
                content.portOfExit = "Mumbai (INBOM)"
                content.portOfEntry = "Le Havre"
                content.transitCountries = ["DE"]
                content.carrier = "Air Cargo Ltd"
                let preview = try await india.validateExportAuthorization(content)
                #expect(preview.problems.isEmpty, "\(preview.problems)")
                let previewed = try Licit_V1_ExportAuthorizationContent(serializedBytes: preview.document.content)
                #expect(previewed.signedBy.isEmpty, "a preview is signed by nobody")
                let issued = try #require(try await india.issueExportAuthorization(content).exportAuthorization)
                // The exporter the EA names, not the foreign exporter the IA named.
                #expect(issued.exporter.name == "Ganges Alkaloids Ltd" && ia.exporter.name == "Deccan Trading Co")
                #expect(issued.portOfExit == "Mumbai (INBOM)" && issued.portOfEntry == "Le Havre")
                #expect(issued.transitCountries == ["DE"] && issued.carrier == "Air Cargo Ltd")
                #expect(issued.signedBy == "in-signer")

                // Without an exporter, the IA's; checked where one is given.
                var plain = TestWorld.export("EA-P2", against: ia, kilograms: 1, on: day)
                let defaulted = try #require(try await india.issueExportAuthorization(plain).exportAuthorization)
                #expect(defaulted.exporter.name == ia.exporter.name)
                plain.number = "EA-P3"
                plain.exporter = .with { $0.id = "FR-T1" }
                #expect(
                    await refusal { _ = try await india.issueExportAuthorization(plain) }?.reason == "unknown_trader"
                )
                plain.exporter = .init()
                plain.transitCountries = ["FR"]
                #expect(
                    await refusal { _ = try await india.issueExportAuthorization(plain) }?.reason == "invalid_country"
                )
                plain.transitCountries = ["ZZ"]
                #expect(
                    await refusal { _ = try await india.issueExportAuthorization(plain) }?.reason == "unknown_country"
                )
                plain.transitCountries = []
                plain.carrier = String(repeating: "c", count: 257)
                #expect(
                    await refusal { _ = try await india.issueExportAuthorization(plain) }?.reason == "field_too_long"
                )
            }
        }
    }
}
