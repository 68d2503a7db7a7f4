import Foundation
import LicitClient
import LicitExchange
import LicitModel
import LicitServerCore
import LicitTestSupport
import LicitWire
import Testing

/// The Board's oversight queries and alerts, and the statistical returns, over two quarters.
@Suite("Board oversight and statistical returns")
struct BoardTests {
    /// The quarter containing `day`, and the first day of the next one.
    static func quarter(of day: Day) -> (year: Int, quarter: Int, next: Day) {
        let month = Int(day.description.dropFirst(5).prefix(2))!
        let quarter = (month - 1) / 3 + 1
        let nextYear = quarter == 4 ? day.year + 1 : day.year
        let nextMonth = quarter == 4 ? 1 : quarter * 3 + 1
        let next = Day(iso: "\(nextYear)-\(nextMonth < 10 ? "0" : "")\(nextMonth)-01")!
        return (day.year, quarter, next)
    }

    static func lines(_ response: Licit_V1_ReturnResponse) -> [String] {
        response.lines.map { line in
            "\(line.direction) \(line.substance) \(line.partnerCountry) \(line.baseMg) "
                + line.documents.map { "\($0.authority)/\($0.number)" }.joined(separator: ",")
        }
    }

    @Test(
        "returns over two quarters match a hand computation: short exports, zero and partial endorsements, a cancellation"
    )
    func returnsOverTwoQuarters() async throws {
        try await Harness.with { harness in
            let day0 = harness.today
            let (year0, quarter0, nextQuarter) = Self.quarter(of: day0)
            // Every client connects now: test certificates are not valid on the exchange's clock months on.
            try await harness.client("board", .boardObserver, country: "") { board in
                try await harness.client("in-cdsco", .signer, country: "IN", authority: "IN-CDSCO") { cdsco in
                    try await harness.client("in-signer", country: "IN") { india in
                        try await harness.client("fr-signer") { france in
                            // Quarter 0. Morphine (base form, factor 1): 4 kg exported short at 3 kg and endorsed
                            // at 2.5 kg; 3 kg exported in full, endorsed next quarter at zero.
                            let ia1 = try #require(
                                try await france.issueImportAuthorization(
                                    TestWorld.morphineImport("IA-R1", on: day0, kilograms: 10)
                                ).importAuthorization
                            )
                            _ = try await india.issueExportAuthorization(
                                TestWorld.export("EA-R1", against: ia1, kilograms: 4, on: day0)
                            )
                            _ = try await india.recordExported(number: "EA-R1", exportedMilligrams: [.kg(3)])
                            _ = try await france.endorse(
                                authority: "IN-NCB",
                                number: "EA-R1",
                                importedMilligrams: [.kg(2.5)]
                            )
                            _ = try await india.issueExportAuthorization(
                                TestWorld.export("EA-R2", against: ia1, kilograms: 3, on: day0)
                            )
                            // Codeine: exported, then cancelled: in no return.
                            let ia2 = try #require(
                                try await france.issueImportAuthorization(
                                    TestWorld.morphineImport("IA-R2", on: day0, kilograms: 5, form: "CODEINE")
                                ).importAuthorization
                            )
                            _ = try await india.issueExportAuthorization(
                                TestWorld.export("EA-R4", against: ia2, kilograms: 5, on: day0)
                            )
                            _ = try await india.cancel(number: "EA-R4", reason: "consignment not shipped")
                            // Methylphenidate (Schedule II, 1971), by India's psychotropics CNA: 1 kg endorsed in full.
                            let ia3 = try #require(
                                try await france.issueImportAuthorization(
                                    TestWorld.morphineImport("IA-R3", on: day0, kilograms: 1, form: "METHYLPHENIDATE")
                                ).importAuthorization
                            )
                            _ = try await cdsco.issueExportAuthorization(
                                TestWorld.export("EA-R5", against: ia3, kilograms: 1, on: day0)
                            )
                            _ = try await france.endorse(
                                authority: "IN-CDSCO",
                                number: "EA-R5",
                                importedMilligrams: [.kg(1)]
                            )

                            // Quarter 1: EA-R2 endorsed at zero; a new IA, 2 kg exported and endorsed in full.
                            harness.exchange.clock.advance(days: nextQuarter.ordinal - day0.ordinal + 3)
                            let day1 = harness.today
                            _ = try await france.endorse(authority: "IN-NCB", number: "EA-R2", importedMilligrams: [0])
                            let ia4 = try #require(
                                try await france.issueImportAuthorization(
                                    TestWorld.morphineImport("IA-R4", on: day1, kilograms: 5)
                                ).importAuthorization
                            )
                            _ = try await india.issueExportAuthorization(
                                TestWorld.export("EA-R3", against: ia4, kilograms: 2, on: day1)
                            )
                            _ = try await france.endorse(
                                authority: "IN-NCB",
                                number: "EA-R3",
                                importedMilligrams: [.kg(2)]
                            )
                            let (year1, quarter1, _) = Self.quarter(of: day1)

                            // By hand: France's imports are what it endorsed, dated by the endorsement.
                            #expect(
                                Self.lines(
                                    try await france.statisticalReturn(form: "A", year: year0, quarter: quarter0)
                                )
                                    == ["import MORPHINE IN 2500000 IN-NCB/EA-R1"]
                            )
                            #expect(
                                Self.lines(
                                    try await france.statisticalReturn(form: "A", year: year1, quarter: quarter1)
                                )
                                    == ["import MORPHINE IN 2000000 IN-NCB/EA-R2,IN-NCB/EA-R3"]
                            )
                            #expect(
                                Self.lines(
                                    try await france.statisticalReturn(form: "A/P", year: year0, quarter: quarter0)
                                )
                                    == ["import METHYLPHENIDATE IN 1000000 IN-CDSCO/EA-R5"]
                            )
                            #expect(
                                Self.lines(try await france.statisticalReturn(form: "P", year: year0))
                                    == ["import METHYLPHENIDATE IN 1000000 IN-CDSCO/EA-R5"]
                            )
                            let annual =
                                year0 == year1
                                ? "import MORPHINE IN 4500000 IN-NCB/EA-R1,IN-NCB/EA-R2,IN-NCB/EA-R3"
                                : "import MORPHINE IN 2500000 IN-NCB/EA-R1"
                            #expect(Self.lines(try await france.statisticalReturn(form: "C", year: year0)) == [annual])
                            // India's exports are what left, dated by the shipment, not the EA's issue: EA-R1's
                            // 3 kg when recorded as exported (quarter 0); EA-R2's 3 kg (no quantity recorded, so
                            // the authorized) when endorsed, in quarter 1, with EA-R3's 2 kg.
                            #expect(
                                Self.lines(try await india.statisticalReturn(form: "A", year: year0, quarter: quarter0))
                                    == ["export MORPHINE FR 3000000 IN-NCB/EA-R1"]
                            )
                            #expect(
                                Self.lines(try await india.statisticalReturn(form: "A", year: year1, quarter: quarter1))
                                    == ["export MORPHINE FR 5000000 IN-NCB/EA-R2,IN-NCB/EA-R3"]
                            )
                            #expect(
                                Self.lines(
                                    try await board.statisticalReturn(
                                        form: "A/P",
                                        year: year0,
                                        quarter: quarter0,
                                        country: "IN"
                                    )
                                )
                                    == ["export METHYLPHENIDATE FR 1000000 IN-CDSCO/EA-R5"]
                            )

                            // A CNA obtains its own country's return only; bad forms and periods are refused.
                            let other = await refusal {
                                _ = try await france.statisticalReturn(
                                    form: "A",
                                    year: year0,
                                    quarter: quarter0,
                                    country: "IN"
                                )
                            }
                            #expect(other?.reason == "other_country_return")
                            #expect(
                                await refusal {
                                    _ = try await france.statisticalReturn(form: "C", year: year0, quarter: 2)
                                }?.reason == "invalid_period"
                            )
                            #expect(
                                await refusal { _ = try await france.statisticalReturn(form: "B", year: year0) }?.reason
                                    == "invalid_form"
                            )

                            // The Board's trade flows add up the same documents.
                            let flows = try await board.tradeFlows(.with { $0.exportingCountry = "IN" }).map {
                                "\($0.substance) \($0.importingCountry) \($0.status) \($0.exportAuthorizations) \($0.authorizedMg) \($0.exportedMg) \($0.importedMg)"
                            }
                            #expect(
                                flows == [
                                    "CODEINE FR cancelled 1 5000000 0 0",
                                    "METHYLPHENIDATE FR endorsed 1 1000000 1000000 1000000",
                                    "MORPHINE FR endorsed 3 9000000 8000000 4500000",
                                ]
                            )
                            let withdrawn = try await board.oversight(
                                .with {
                                    $0.kind = .withdrawn; $0.country = "IN"
                                }
                            )
                            #expect(withdrawn.entries.map(\.note) == ["consignment not shipped"])
                            #expect(await refusal { _ = try await france.tradeFlows() }?.reason == "role_not_permitted")
                            let watch = try await board.estimateWatch(thresholdPercent: 1, substance: "MORPHINE")
                            #expect(watch.contains { $0.balance.country == "FR" && $0.usedPercent >= 1 })
                        }
                    }
                }
            }
        }
    }

    @Test("each alert reaches the Board once: override, emergency export, long-overdue and discrepant endorsements")
    func alertsOnce() async throws {
        try await Harness.with { harness in
            let day = harness.today
            let sweep = ExpirySweep(harness.exchange.exchange)
            try await harness.client("board", .boardObserver, country: "") { board in
                try await harness.client("in-signer", country: "IN") { india in
                    try await harness.client("fr-signer") { france in
                        let ia = try #require(
                            try await france.issueImportAuthorization(
                                TestWorld.morphineImport("IA-OV", on: day, kilograms: 101),
                                overrideJustification: "epidemic"
                            ).importAuthorization
                        )
                        var emergency = TestWorld.export("EA-EM", against: ia, kilograms: 1, on: day)
                        emergency.clearImportAuthorization()
                        emergency.emergency = true
                        emergency.importingCountry = "FR"
                        _ = try await india.issueExportAuthorization(emergency, emergencyJustification: "earthquake")
                        _ = try await india.issueExportAuthorization(
                            TestWorld.export("EA-D", against: ia, kilograms: 10, on: day)
                        )
                        _ = try await india.issueExportAuthorization(
                            TestWorld.export("EA-LATE", against: ia, kilograms: 1, on: day)
                        )
                        // 10 kg exported and 9 kg endorsed differ by 10 %, over the 5 % allowed; 1 kg and 0.98 kg by 2 %.
                        _ = try await france.endorse(authority: "IN-NCB", number: "EA-D", importedMilligrams: [.kg(9)])
                        _ = try await france.endorse(
                            authority: "IN-NCB",
                            number: "EA-EM",
                            importedMilligrams: [.kg(0.98)]
                        )
                        harness.exchange.clock.advance(days: 61)  // EA-LATE's period ended 31 days ago.
                        try await sweep.run()
                        try await sweep.run()
                        harness.exchange.clock.advance(days: 1)
                        try await sweep.run()
                        let kinds = try await board.inboxEvents().events.map { "\($0.kind) \($0.document.number)" }
                        #expect(
                            kinds == [
                                "override_recorded IA-OV", "emergency_export EA-EM", "endorsement_discrepancy EA-D",
                                "endorsement_overdue EA-LATE",
                            ]
                        )
                        let overdue = try await board.oversight(.with { $0.kind = .overdueEndorsements })
                        #expect(overdue.entries.map { $0.document.exportAuthorization?.number } == ["EA-LATE"])
                        #expect(overdue.entries.first?.daysOverdue == 32)
                        let overrides = try await board.oversight(.with { $0.kind = .overrides })
                        #expect(overrides.entries.map(\.note) == ["epidemic"])
                        let emergencies = try await board.oversight(.with { $0.kind = .emergencyExports })
                        #expect(emergencies.entries.map(\.note) == ["earthquake"])
                    }
                }
            }
        }
    }
}
