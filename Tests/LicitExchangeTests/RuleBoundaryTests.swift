import Foundation
import LicitClient
import LicitModel
import LicitTestSupport
import LicitWire
import Testing

/// docs/ARCHITECTURE.md §1 as the exchange enforces it over TLS: each rule accepted at its boundary and
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

        /// France issues an IA for `milligrams` of `form` from India.
        func importing(
            _ number: String,
            _ form: String,
            _ milligrams: Int64,
            _ edit: (inout Licit_V1_ImportAuthorizationContent) -> Void = { _ in }
        ) async throws -> Licit_V1_Document {
            var content = TestWorld.morphineImport(number, on: self.day, kilograms: 0, form: form)
            content.lines[0].tradedMg = milligrams
            edit(&content)
            return try await self.france.issueImportAuthorization(content)
        }

        /// India (its narcotics CNA unless told) issues an EA against `ia`.
        func exporting(
            _ number: String,
            against ia: Licit_V1_Document,
            _ milligrams: Int64,
            by exporter: LicitClient? = nil,
            _ edit: (inout Licit_V1_ExportAuthorizationContent) -> Void = { _ in }
        ) async throws -> Licit_V1_Document {
            var content = TestWorld.export(number, against: ia.importAuthorization!, kilograms: 0, on: self.day)
            content.lines[0].tradedMg = milligrams
            edit(&content)
            return try await (exporter ?? self.india).issueExportAuthorization(content)
        }

        func issued(_ number: String) async throws -> Licit_V1_Document {
            try await self.france.document(authority: "FR-ANSM", number: number)
        }
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

    static let cases: [Case] = [
        Case(
            rule: "an IA fits the importing country's estimate (1961 art. 31(1)(b))",
            pastBoundary: { p in _ = try await p.importing("A", "MORPHINE", .kg(100) + Self.mg) },
            reason: "over_estimate",
            atBoundary: { p in _ = try await p.importing("B", "MORPHINE", .kg(100)) }
        ),
        Case(
            rule: "an IA fits the importing country's assessment (ECOSOC 1981/7 …)",
            pastBoundary: { p in _ = try await p.importing("A", "METHYLPHENIDATE", .kg(50) + Self.mg) },
            reason: "over_assessment",
            atBoundary: { p in _ = try await p.importing("B", "METHYLPHENIDATE", .kg(50)) }
        ),
        Case(
            rule: "an EA takes at most what remains of the IA (art. 31(4)(b))",
            pastBoundary: { p in
                let ia = try await p.importing("IA", "MORPHINE", .kg(10))
                _ = try await p.exporting("A", against: ia, .kg(10) + Self.mg)
            },
            reason: "over_remaining_ia",
            atBoundary: { p in
                _ = try await p.exporting("B", against: try await p.issued("IA"), .kg(10))
            }
        ),
        Case(
            rule: "an EA's period lies within the IA's",
            pastBoundary: { p in
                let ia = try await p.importing("IA", "MORPHINE", .kg(10))
                _ = try await p.exporting("A", against: ia, 1) { $0.period.last = p.day.adding(days: 91).description }
            },
            reason: "period_outside_ia",
            atBoundary: { p in
                let ia = try await p.issued("IA")
                _ = try await p.exporting("B", against: ia, 1) { $0.period.last = p.day.adding(days: 90).description }
            }
        ),
        Case(
            rule: "an EA is issued within the IA's validity, on the exchange's clock",
            pastBoundary: { p in
                let ia = try await p.importing("IA", "MORPHINE", .kg(10))
                let lastDay = p.day.adding(days: 90).description
                p.harness.exchange.clock.advance(days: 90)  // the IA's last day: accepted
                _ = try await p.exporting("B", against: ia, 1) { $0.period.last = lastDay }
                p.harness.exchange.clock.advance(days: 1)
                _ = try await p.exporting("A", against: ia, 1) { $0.period.last = lastDay }
            },
            reason: "ia_expired",
            atBoundary: { _ in }  // EA "B", on the last day, above
        ),
        Case(
            rule: "a single-consignment IA takes one EA (art. 31(4)(d))",
            pastBoundary: { p in
                let ia = try await p.importing("IA", "MORPHINE", .kg(10)) { $0.multipleConsignments = false }
                _ = try await p.exporting("B", against: ia, 1)
                _ = try await p.exporting("A", against: ia, 1)
            },
            reason: "ia_not_usable",
            atBoundary: { _ in }  // EA "B", the one consignment, above
        ),
        Case(
            rule: "no export of a substance the importing country prohibits (1971 art. 13)",
            pastBoundary: { p in
                let ia = try await p.importing("IA", "PENTOBARBITAL", .kg(1))
                _ = try await p.exporting("A", against: ia, 1, by: p.psychotropics)
            },
            reason: "import_prohibited",
            atBoundary: { p in
                let ia = try await p.importing("IA2", "METHYLPHENIDATE", .kg(1))
                _ = try await p.exporting("B", against: ia, 1, by: p.psychotropics)
            }
        ),
        Case(
            rule:
                "a Schedule II psychotropic goes to a bonded warehouse only with the IA's approval (1971 art. 12(3)(c))",
            pastBoundary: { p in
                let ia = try await p.importing("IA", "METHYLPHENIDATE", .kg(1))
                _ = try await p.exporting("A", against: ia, 1, by: p.psychotropics) { $0.toBondedWarehouse = true }
            },
            reason: "bonded_warehouse_not_approved",
            atBoundary: { p in
                let ia = try await p.importing("IA2", "METHYLPHENIDATE", .kg(1)) { $0.bondedWarehouseApproved = true }
                _ = try await p.exporting("B", against: ia, 1, by: p.psychotropics) { $0.toBondedWarehouse = true }
            }
        ),
        Case(
            rule: "a short export records at most the authorized quantity (art. 31(8))",
            pastBoundary: { p in
                _ = try await p.exporting("EA", against: try await p.importing("IA", "MORPHINE", .kg(10)), .kg(2))
                _ = try await p.india.recordExported(number: "EA", exportedMilligrams: [.kg(2) + Self.mg])
            },
            reason: "exported_exceeds_authorized",
            atBoundary: { p in _ = try await p.india.recordExported(number: "EA", exportedMilligrams: [.kg(2)]) }
        ),
        Case(
            rule: "an endorsement states at most what was exported (art. 31(7))",
            pastBoundary: { p in
                _ = try await p.exporting("EA", against: try await p.importing("IA", "MORPHINE", .kg(10)), .kg(2))
                _ = try await p.france.endorse(
                    authority: "IN-NCB",
                    number: "EA",
                    importedMilligrams: [.kg(2) + Self.mg]
                )
            },
            reason: "endorsement_exceeds_export",
            atBoundary: { p in
                _ = try await p.france.endorse(authority: "IN-NCB", number: "EA", importedMilligrams: [.kg(2)])
            }
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
                        let parties = Parties(
                            france: france,
                            india: india,
                            psychotropics: psychotropics,
                            day: harness.today,
                            harness: harness
                        )
                        let refused = await refusal { try await rule.pastBoundary(parties) }
                        #expect(
                            refused?.reason == rule.reason,
                            "\(rule.rule): \(refused.map { "\($0)" } ?? "accepted")"
                        )
                        try await rule.atBoundary(parties)
                    }
                }
            }
        }
    }
}
