import Foundation
import LicitClient
import LicitModel
import LicitTestSupport
import LicitWire
import Testing

@Suite("Annual estimates (Form B): furnished by a CNA, queried or confirmed by the Board, then in force")
struct AnnualEstimateTests {
    static func line(_ substance: String, _ purpose: String, kilograms: Int64) -> Licit_V1_AnnualEstimateLine {
        .with {
            $0.substance = substance
            $0.purpose = purpose
            $0.quantityMg = kilograms * 1_000_000
        }
    }

    @Test("submitted → the Board's inbox; queried → resubmitted → confirmed: next year's limits come from them")
    func formB() async throws {
        try await Harness.with { harness in
            let nextYear = harness.today.year + 1
            try await harness.client("board", .boardAdmin, country: "", authority: "BOARD") { board in
                let boardInbox = try await board.inbox()
                try await harness.client("fr-signer") { france in
                    let franceInbox = try await france.inbox()
                    let lines = [
                        Self.line("MORPHINE", "consumption", kilograms: 300),
                        Self.line("MORPHINE", "utilization", kilograms: 50),
                        Self.line("MORPHINE", "stocks", kilograms: 30),
                        Self.line("FENTANYL", "consumption", kilograms: 4),
                    ]
                    let submitted = try await france.submitAnnualEstimate(lines: lines)
                    #expect(submitted.year == UInt32(nextYear) && submitted.status == "submitted")
                    #expect(try await next(1, of: boardInbox).map(\.subject) == ["annual-estimate/FR-\(nextYear)"])

                    let queried = try await board.decideAnnualEstimate(
                        country: "FR",
                        year: nextYear,
                        confirm: false,
                        reason: "morphine stocks look high: explain"
                    )
                    #expect(queried.status == "queried")
                    #expect(try await next(1, of: franceInbox).map(\.kind) == ["annual_estimate_queried"])
                    #expect(
                        await refusal {
                            _ = try await board.decideAnnualEstimate(country: "FR", year: nextYear, confirm: true)
                        }?
                        .reason == "estimate_already_decided"
                    )

                    // Furnished again with lower stocks, then confirmed: the totals are the limits.
                    var again = lines
                    again[2] = Self.line("MORPHINE", "stocks", kilograms: 10)
                    _ = try await france.submitAnnualEstimate(year: nextYear, lines: again)
                    let confirmed = try await board.decideAnnualEstimate(country: "FR", year: nextYear, confirm: true)
                    #expect(confirmed.status == "confirmed")
                    #expect(try await next(1, of: franceInbox).map(\.kind) == ["annual_estimate_confirmed"])
                    let limits = try await france.balances(year: nextYear).reduce(into: [String: Int64]()) {
                        $0[$1.substance] = $1.limitMg
                    }
                    #expect(limits["MORPHINE"] == 360_000_000 && limits["FENTANYL"] == 4_000_000, "\(limits)")
                    #expect(
                        await refusal { _ = try await france.submitAnnualEstimate(year: nextYear, lines: lines) }?
                            .reason
                            == "estimate_already_decided"
                    )

                    for (bad, reason) in [
                        ([Self.line("MORPHINE", "fun", kilograms: 1)], "invalid_estimate_request"),
                        ([Self.line("MORPHINE-SULFATE-PENTAHYDRATE", "stocks", kilograms: 1)], "unknown_substance"),
                        (
                            [
                                Self.line("CODEINE", "stocks", kilograms: 1),
                                Self.line("CODEINE", "stocks", kilograms: 2),
                            ],
                            "invalid_estimate_request"
                        ),
                        ([], "invalid_lines"),
                    ] {
                        let refused = await refusal {
                            _ = try await france.submitAnnualEstimate(year: nextYear - 1, lines: bad)
                        }
                        #expect(refused?.reason == reason, "\(bad)")
                    }
                    let seen = try await france.annualEstimates()
                    #expect(seen.map(\.status) == ["confirmed"])
                }
            }
            try await harness.client("in-signer", country: "IN") { india in
                let seen = try await india.annualEstimates(country: "FR")
                #expect(seen.isEmpty, "a CNA sees its own country's only")
            }
        }
    }
}
