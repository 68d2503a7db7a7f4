import Foundation
import LicitClient
import LicitModel
import LicitTestSupport
import LicitWire
import Testing

@Suite("Supplementary estimates: asked by a CNA, decided by the Board, in the balance at once, both told")
struct SupplementaryEstimateTests {
    @Test("request → the Board's inbox; confirm, reduce or refuse → the CNA's inbox and the estimate")
    func loop() async throws {
        try await Harness.with { harness in
            let year = harness.today.year
            let morphine = { (client: LicitClient) in
                try await client.balances(country: "FR", year: year, substance: "MORPHINE").first?.limitMg ?? 0
            }
            try await harness.client("board", .boardAdmin, country: "", authority: "BOARD") { board in
                let boardInbox = try await board.inbox()
                try await harness.client("fr-signer") { france in
                    let franceInbox = try await france.inbox()
                    let before = try await morphine(france)
                    let first = try await france.requestSupplementaryEstimate(
                        substance: "MORPHINE",
                        milligrams: 5_000_000,
                        justification: "a new palliative care unit opens in March"
                    )
                    #expect(first.id == "FR-\(year)-1" && first.status == "requested" && first.requestedBy == "FR-ANSM")
                    let asked = try await next(1, of: boardInbox)
                    #expect(asked.map(\.kind) == ["estimate_requested"])
                    #expect(asked.first?.subject == "estimate/FR-\(year)-1" && asked.first?.hasDocument == false)

                    // The Board confirms: the CNA is told and the estimate grows at once.
                    let confirmed = try await board.decideSupplementaryEstimate(
                        id: first.id,
                        confirmedMilligrams: 5_000_000
                    )
                    #expect(confirmed.status == "confirmed" && confirmed.decidedAtMs > 0)
                    #expect(try await next(1, of: franceInbox).map(\.kind) == ["estimate_confirmed"])
                    #expect(try await morphine(france) == before + 5_000_000)
                    let twice = await refusal {
                        _ = try await board.decideSupplementaryEstimate(id: first.id, confirmedMilligrams: 1)
                    }
                    #expect(twice?.reason == "estimate_already_decided")

                    // Reduced: only what the Board confirmed counts; a reduction needs a reason.
                    let second = try await france.requestSupplementaryEstimate(
                        substance: "MORPHINE",
                        milligrams: 4_000_000,
                        justification: "epidemic"
                    )
                    #expect(second.id == "FR-\(year)-2")
                    #expect(
                        await refusal {
                            _ = try await board.decideSupplementaryEstimate(
                                id: second.id,
                                confirmedMilligrams: 1_000_000
                            )
                        }?.reason
                            == "missing_field"
                    )
                    #expect(
                        await refusal {
                            _ = try await board.decideSupplementaryEstimate(
                                id: second.id,
                                confirmedMilligrams: 9_000_000,
                                reason: "x"
                            )
                        }?
                        .reason == "invalid_estimate_request"
                    )
                    let reduced = try await board.decideSupplementaryEstimate(
                        id: second.id,
                        confirmedMilligrams: 1_000_000,
                        reason: "consumption data support 1 kg"
                    )
                    #expect(reduced.status == "reduced" && reduced.confirmedMg == 1_000_000)
                    #expect(try await morphine(france) == before + 6_000_000)

                    // Refused: nothing enters the estimate.
                    let third = try await france.requestSupplementaryEstimate(
                        substance: "CODEINE",
                        milligrams: 1_000_000,
                        year: year + 1,
                        justification: "stock"
                    )
                    let refused = try await board.decideSupplementaryEstimate(
                        id: third.id,
                        confirmedMilligrams: 0,
                        reason: "no data"
                    )
                    #expect(refused.status == "refused")
                    let told = try await next(2, of: franceInbox).map(\.kind)
                    #expect(told == ["estimate_reduced", "estimate_refused"])
                    #expect(try await morphine(france) == before + 6_000_000)

                    // Bad requests are refused before anything is written.
                    for (substance, milligrams, year, reason) in [
                        ("MORPHINE", Int64(0), 0, "invalid_estimate_request"),
                        ("MORPHINE", Int64(1), year + 2, "invalid_estimate_request"),
                        ("MORPHINE-SULFATE-PENTAHYDRATE", Int64(1), 0, "unknown_substance"),
                    ] {
                        let bad = await refusal {
                            _ = try await france.requestSupplementaryEstimate(
                                substance: substance,
                                milligrams: milligrams,
                                year: year,
                                justification: "x"
                            )
                        }
                        #expect(bad?.reason == reason, "\(substance) \(milligrams) \(year)")
                    }
                    #expect(try await france.supplementaryEstimates().map(\.id) == [first.id, second.id, third.id])
                    #expect(try await france.supplementaryEstimates(status: "refused").map(\.id) == [third.id])
                }
            }
            try await harness.client("in-signer", country: "IN") { india in
                // A CNA sees its own country's requests only, whatever it asks for.
                let seen = try await india.supplementaryEstimates(country: "FR")
                #expect(seen.isEmpty)
                let notBoard = await refusal {
                    _ = try await india.decideSupplementaryEstimate(id: "FR-\(year)-1", confirmedMilligrams: 1)
                }
                #expect(notBoard?.code == .permissionDenied)
            }
        }
    }
}
