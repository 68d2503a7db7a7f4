import Foundation
import LicitClient
import LicitModel
import LicitTestSupport
import LicitWire
import Testing

@Suite("Statistical returns filed with the Board: draft, submitted (reconciled with the documents), queried, accepted")
struct ReturnFilingTests {
    static func figure(_ substance: String, _ item: String, _ milligrams: Int64) -> Licit_V1_ReturnFigure {
        .with {
            $0.substance = substance
            $0.item = item
            $0.quantityMg = milligrams
        }
    }

    @Test("France's form C: the trade figures are checked against its endorsements; the Board queries, then accepts")
    func formC() async throws {
        try await Harness.with { harness in
            let day = harness.today
            let year = day.year
            try await harness.client("board", .boardAdmin, country: "", authority: "BOARD") { board in
                let boardInbox = try await board.inbox()
                try await harness.client("in-signer", country: "IN") { india in
                    try await harness.client("fr-signer") { france in
                        // France imports 2 kg of morphine (base), endorsed in full.
                        let ia = try #require(
                            try await france.issueImportAuthorization(TestWorld.morphineImport("IA-F1", on: day))
                                .importAuthorization
                        )
                        _ = try await india.issueExportAuthorization(
                            TestWorld.export("EA-F1", against: ia, kilograms: 2, on: day)
                        )
                        _ = try await france.endorse(
                            authority: "IN-NCB",
                            number: "EA-F1",
                            importedMilligrams: [2_000_000]
                        )

                        var figures = [
                            Self.figure("MORPHINE", "consumption", 1_500_000),
                            Self.figure("MORPHINE", "stocks", 500_000),
                            Self.figure("MORPHINE", "imported", 3_000_000),
                        ]
                        let draft = try await france.saveReturn(form: "C", year: year, figures: figures)
                        #expect(draft.status == "draft" && draft.trade.isEmpty)
                        let wrong = await refusal {
                            _ = try await france.saveReturn(form: "C", year: year, figures: figures, submit: true)
                        }
                        #expect(wrong?.reason == "return_does_not_reconcile")
                        #expect(
                            wrong?.message.contains("MORPHINE imported: 3 kg declared, 2 kg in the documents") == true,
                            "\(wrong?.message ?? "")"
                        )

                        figures[2] = Self.figure("MORPHINE", "imported", 2_000_000)
                        let submitted = try await france.saveReturn(
                            form: "C",
                            year: year,
                            figures: figures,
                            submit: true
                        )
                        #expect(submitted.status == "submitted")
                        #expect(
                            submitted.trade.map { "\($0.substance) \($0.item) \($0.quantityMg)" } == [
                                "MORPHINE imported 2000000"
                            ]
                        )
                        #expect(try await next(1, of: boardInbox).map(\.subject) == ["return/FR-C-\(year)"])
                        #expect(
                            await refusal { _ = try await france.saveReturn(form: "C", year: year, figures: figures) }?
                                .reason
                                == "return_not_open"
                        )

                        _ = try await board.decideReturn(
                            country: "FR",
                            form: "C",
                            year: year,
                            accept: false,
                            reason: "stocks?"
                        )
                        _ = try await france.saveReturn(form: "C", year: year, figures: figures, submit: true)
                        let accepted = try await board.decideReturn(country: "FR", form: "C", year: year, accept: true)
                        #expect(accepted.status == "accepted")
                        let told = try await france.inboxEvents(limit: 1000).events.filter {
                            $0.subject.hasPrefix("return/")
                        }
                        #expect(told.map(\.kind) == ["return_queried", "return_accepted"])

                        for (form, figure, reason) in [
                            ("A", Self.figure("MORPHINE", "stocks", 1), "invalid_form"),
                            ("P", Self.figure("MORPHINE", "stocks", 1), "invalid_return"),
                            ("C", Self.figure("MORPHINE", "harvest", 1), "invalid_return"),
                            ("C", Self.figure("NOPE", "stocks", 1), "unknown_substance"),
                        ] {
                            let refused = await refusal {
                                _ = try await france.saveReturn(form: form, year: year, figures: [figure])
                            }
                            #expect(refused?.reason == reason, "\(form) \(figure)")
                        }
                        #expect(
                            await refusal { _ = try await france.saveReturn(form: "C", year: year + 1, figures: []) }?
                                .reason
                                == "invalid_period"
                        )
                    }
                    let seen = try await india.returnFilings(country: "FR")
                    #expect(seen.isEmpty, "a CNA sees its own country's returns only")
                }
            }
        }
    }
}
