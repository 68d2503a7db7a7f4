import Foundation
import LicitClient
import LicitModel
import LicitTestSupport
import LicitWire
import Testing

/// DESIGN.md §1 as the exchange enforces it over TLS: each rule accepted at its boundary and
/// refused one step past it (1 mg, 1 day, one more export), with the reason a client sees.
@Suite("Treaty rules at their boundaries, through the exchange")
struct RuleBoundaryTests {
    /// What a case needs: France's and India's signers, today, and the harness.
    struct Parties: Sendable {
        let france: LicitClient
        let india: LicitClient
        let psychotropics: LicitClient
        let day: Day
        let harness: Harness
    }

    struct Case: Sendable, CustomStringConvertible {
        let rule: String
        /// Refused with `reason`, then the boundary itself accepted.
        let pastBoundary: @Sendable (Parties) async throws -> Void
        let reason: String
        let atBoundary: @Sendable (Parties) async throws -> Void

        var description: String { self.rule }
    }

    static let mg: Int64 = 1

    static func ia(_ number: String, _ form: String, milligrams: Int64, on day: Day, _ edit: (inout Licit_V1_ImportAuthorizationContent) -> Void = { _ in }) -> Licit_V1_ImportAuthorizationContent {
        var content = TestWorld.morphineImport(number, on: day, kilograms: 0, form: form)
        content.lines[0].tradedMg = milligrams
        edit(&content)
        return content
    }

    static func ea(_ number: String, against ia: Licit_V1_Document, milligrams: Int64, on day: Day, _ edit: (inout Licit_V1_ExportAuthorizationContent) -> Void = { _ in }) -> Licit_V1_ExportAuthorizationContent {
        var content = TestWorld.export(number, against: ia.importAuthorization!, kilograms: 0, on: day)
        content.lines[0].tradedMg = milligrams
        edit(&content)
        return content
    }

    static let cases: [Case] = [
        Case(
            rule: "an IA fits the importing country's estimate (1961 art. 31(1)(b))",
            pastBoundary: { p in _ = try await p.france.issueImportAuthorization(Self.ia("A", "MORPHINE", milligrams: .kg(100) + Self.mg, on: p.day)) },
            reason: "over_estimate",
            atBoundary: { p in _ = try await p.france.issueImportAuthorization(Self.ia("B", "MORPHINE", milligrams: .kg(100), on: p.day)) }
        ),
        Case(
            rule: "an IA fits the importing country's assessment (ECOSOC 1981/7 …)",
            pastBoundary: { p in _ = try await p.france.issueImportAuthorization(Self.ia("A", "METHYLPHENIDATE", milligrams: .kg(50) + Self.mg, on: p.day)) },
            reason: "over_assessment",
            atBoundary: { p in _ = try await p.france.issueImportAuthorization(Self.ia("B", "METHYLPHENIDATE", milligrams: .kg(50), on: p.day)) }
        ),
        Case(
            rule: "an EA takes at most what remains of the IA (art. 31(4)(b))",
            pastBoundary: { p in
                let ia = try await p.france.issueImportAuthorization(Self.ia("IA", "MORPHINE", milligrams: .kg(10), on: p.day))
                _ = try await p.india.issueExportAuthorization(Self.ea("A", against: ia, milligrams: .kg(10) + Self.mg, on: p.day))
            },
            reason: "over_remaining_ia",
            atBoundary: { p in
                let ia = try await p.france.document(authority: "FR-ANSM", number: "IA")
                _ = try await p.india.issueExportAuthorization(Self.ea("B", against: ia, milligrams: .kg(10), on: p.day))
            }
        ),
        Case(
            rule: "an EA's period lies within the IA's",
            pastBoundary: { p in
                let ia = try await p.france.issueImportAuthorization(Self.ia("IA", "MORPHINE", milligrams: .kg(10), on: p.day))
                _ = try await p.india.issueExportAuthorization(Self.ea("A", against: ia, milligrams: 1, on: p.day) { $0.period.last = p.day.adding(days: 91).description })
            },
            reason: "period_outside_ia",
            atBoundary: { p in
                let ia = try await p.france.document(authority: "FR-ANSM", number: "IA")
                _ = try await p.india.issueExportAuthorization(Self.ea("B", against: ia, milligrams: 1, on: p.day) { $0.period.last = p.day.adding(days: 90).description })
            }
        ),
        Case(
            rule: "an EA is issued within the IA's validity, on the exchange's clock",
            pastBoundary: { p in
                let ia = try await p.france.issueImportAuthorization(Self.ia("IA", "MORPHINE", milligrams: .kg(10), on: p.day))
                p.harness.exchange.clock.advance(days: 90)  // the IA's last day
                _ = try await p.india.issueExportAuthorization(Self.ea("B", against: ia, milligrams: 1, on: p.day.adding(days: 90)) { $0.period.last = p.day.adding(days: 90).description })
                p.harness.exchange.clock.advance(days: 1)
                _ = try await p.india.issueExportAuthorization(Self.ea("A", against: ia, milligrams: 1, on: p.day.adding(days: 90)) { $0.period.last = p.day.adding(days: 90).description })
            },
            reason: "ia_expired",
            atBoundary: { _ in }  // EA "B", on the last day, above
        ),
        Case(
            rule: "a single-consignment IA takes one EA (art. 31(4)(d))",
            pastBoundary: { p in
                let ia = try await p.france.issueImportAuthorization(Self.ia("IA", "MORPHINE", milligrams: .kg(10), on: p.day) { $0.multipleConsignments = false })
                _ = try await p.india.issueExportAuthorization(Self.ea("B", against: ia, milligrams: 1, on: p.day))
                _ = try await p.india.issueExportAuthorization(Self.ea("A", against: ia, milligrams: 1, on: p.day))
            },
            reason: "ia_not_usable",
            atBoundary: { _ in }  // EA "B", the one consignment, above
        ),
        Case(
            rule: "no export of a substance the importing country prohibits (1971 art. 13)",
            pastBoundary: { p in
                let ia = try await p.france.issueImportAuthorization(Self.ia("IA", "PENTOBARBITAL", milligrams: .kg(1), on: p.day))
                _ = try await p.psychotropics.issueExportAuthorization(Self.ea("A", against: ia, milligrams: 1, on: p.day))
            },
            reason: "import_prohibited",
            atBoundary: { p in
                let ia = try await p.france.issueImportAuthorization(Self.ia("IA2", "METHYLPHENIDATE", milligrams: .kg(1), on: p.day))
                _ = try await p.psychotropics.issueExportAuthorization(Self.ea("B", against: ia, milligrams: 1, on: p.day))
            }
        ),
        Case(
            rule: "a Schedule II psychotropic goes to a bonded warehouse only if the IA approves it (1971 art. 12(3)(c))",
            pastBoundary: { p in
                let ia = try await p.france.issueImportAuthorization(Self.ia("IA", "METHYLPHENIDATE", milligrams: .kg(1), on: p.day))
                _ = try await p.psychotropics.issueExportAuthorization(Self.ea("A", against: ia, milligrams: 1, on: p.day) { $0.toBondedWarehouse = true })
            },
            reason: "bonded_warehouse_not_approved",
            atBoundary: { p in
                let ia = try await p.france.issueImportAuthorization(Self.ia("IA2", "METHYLPHENIDATE", milligrams: .kg(1), on: p.day) { $0.bondedWarehouseApproved = true })
                _ = try await p.psychotropics.issueExportAuthorization(Self.ea("B", against: ia, milligrams: 1, on: p.day) { $0.toBondedWarehouse = true })
            }
        ),
        Case(
            rule: "a short export records at most the authorized quantity (art. 31(8))",
            pastBoundary: { p in
                let ia = try await p.france.issueImportAuthorization(Self.ia("IA", "MORPHINE", milligrams: .kg(10), on: p.day))
                _ = try await p.india.issueExportAuthorization(Self.ea("EA", against: ia, milligrams: .kg(2), on: p.day))
                _ = try await p.india.recordExported(number: "EA", exportedMilligrams: [.kg(2) + Self.mg])
            },
            reason: "exported_exceeds_authorized",
            atBoundary: { p in _ = try await p.india.recordExported(number: "EA", exportedMilligrams: [.kg(2)]) }
        ),
        Case(
            rule: "an endorsement states at most what was exported (art. 31(7))",
            pastBoundary: { p in
                let ia = try await p.france.issueImportAuthorization(Self.ia("IA", "MORPHINE", milligrams: .kg(10), on: p.day))
                _ = try await p.india.issueExportAuthorization(Self.ea("EA", against: ia, milligrams: .kg(2), on: p.day))
                _ = try await p.france.endorse(authority: "IN-NCB", number: "EA", importedMilligrams: [.kg(2) + Self.mg])
            },
            reason: "endorsement_exceeds_export",
            atBoundary: { p in _ = try await p.france.endorse(authority: "IN-NCB", number: "EA", importedMilligrams: [.kg(2)]) }
        ),
    ]

    @Test("accepted at the boundary, refused just past it", arguments: Self.cases)
    func boundary(_ rule: Case) async throws {
        try await Harness.with { harness in
            try await harness.client("fr-signer") { france in
                try await harness.client("in-signer", country: "IN") { india in
                    try await harness.client("in-cdsco-signer", country: "IN", authority: "IN-CDSCO") { psychotropics in
                        // Connect all three before any case moves the clock (certificates are checked on it).
                        for client in [france, india, psychotropics] { _ = try await client.echo(Data()) }
                        let parties = Parties(france: france, india: india, psychotropics: psychotropics, day: harness.today, harness: harness)
                        let refused = await refusal { try await rule.pastBoundary(parties) }
                        #expect(refused?.reason == rule.reason, "\(rule.rule): \(refused.map { "\($0)" } ?? "accepted")")
                        try await rule.atBoundary(parties)
                    }
                }
            }
        }
    }
}
