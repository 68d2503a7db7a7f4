import Foundation
import LicitClient
import LicitExchange
import LicitModel
import LicitServerCore
import LicitTestSupport
import LicitWire
import Testing

@Suite("Document lifecycle on the exchange")
struct LifecycleTests {
    @Test("an inbox resumes from its acknowledged cursor after a reconnection: no loss, no gap")
    func inboxResume() async throws {
        try await Harness.with { harness in
            let day = harness.today
            let identity = try harness.exchange.register("in-signer", role: .signer, country: "IN", authority: "IN-NCB")
            try await harness.client("fr-signer") { france in
                let firstSeen = try await withLicitClient(try harness.exchange.clientConfiguration(identity)) { india in
                    let inbox = try await india.inbox()
                    for index in 1...3 {
                        _ = try await france.issueImportAuthorization(
                            TestWorld.morphineImport("IA-\(index)", on: day, kilograms: 1)
                        )
                    }
                    let events = try await next(3, of: inbox)
                    try await india.acknowledge(through: events[1].sequence)
                    return events
                }
                #expect(firstSeen.map(\.document.number) == ["IA-1", "IA-2", "IA-3"])
                // While India is away, two more arrive.
                for index in 4...5 {
                    _ = try await france.issueImportAuthorization(
                        TestWorld.morphineImport("IA-\(index)", on: day, kilograms: 1)
                    )
                }
                try await withLicitClient(try harness.exchange.clientConfiguration(identity)) { india in
                    let resumed = try await next(3, of: try await india.inbox())
                    #expect(resumed.map(\.document.number) == ["IA-3", "IA-4", "IA-5"])
                    #expect(resumed.first?.sequence == firstSeen[2].sequence)
                    let page = try await india.inboxEvents()
                    #expect(page.acknowledged == firstSeen[1].sequence)
                    #expect(page.events.count == 5)
                    // The cursor never moves back, and cannot jump past what exists.
                    #expect(try await india.acknowledge(through: firstSeen[0].sequence) == firstSeen[1].sequence)
                    #expect(await refusal { try await india.acknowledge(through: 999_999) }?.reason == "unknown_event")
                }
            }
        }
    }

    @Test("on the exchange's clock: expiring soon, then expired IAs and overdue endorsements, each announced once")
    func expiry() async throws {
        try await Harness.with { harness in
            let day = harness.today
            let sweep = ExpirySweep(harness.exchange.exchange)
            // Connected now: test certificates would not be valid on the exchange's clock 91 days on.
            try await harness.client("board", .boardObserver, country: "") { boardClient in
                try await harness.client("fr-signer") { france in
                    try await harness.client("in-signer", country: "IN") { india in
                        let ia = try #require(
                            try await france.issueImportAuthorization(TestWorld.morphineImport("IA-E", on: day))
                                .importAuthorization
                        )
                        _ = try await india.issueExportAuthorization(
                            TestWorld.export("EA-E", against: ia, kilograms: 2, on: day)
                        )
                        // Day 80: the EA's 30-day period is over (endorsement overdue, and by more than the
                        // Board's 30 days: the Board is told); the IA ends within 14 days.
                        harness.exchange.clock.advance(days: 80)
                        #expect(try await sweep.run() == 3)
                        #expect(try await sweep.run() == 0)
                        // Day 91: the IA's 90-day period is over.
                        harness.exchange.clock.advance(days: 11)
                        #expect(try await sweep.run() == 1)
                        #expect(
                            try await france.document(authority: "FR-ANSM", number: "IA-E").state.status == "expired"
                        )
                        let ea = try await india.document(authority: "IN-NCB", number: "EA-E")
                        #expect(ea.state.status == "expired")
                        #expect(ea.state.endorsementOverdue)
                        let kinds = try await france.inboxEvents().events.map(\.kind)
                        #expect(kinds == ["ea_received", "endorsement_overdue", "expiring_soon", "expired"])
                        // An expired IA takes no more exports; an overdue EA can still be endorsed (zero).
                        let late = await refusal {
                            _ = try await india.issueExportAuthorization(
                                TestWorld.export("EA-L", against: ia, kilograms: 1, on: harness.today)
                            )
                        }
                        #expect(late?.reason == "ia_expired")
                        let endorsed = try await france.endorse(
                            authority: "IN-NCB",
                            number: "EA-E",
                            importedMilligrams: [0]
                        )
                        #expect(endorsed.state.status == "endorsed")
                        #expect(!endorsed.state.endorsementOverdue)
                        // The Board heard of the overdue endorsement once, and of the zero endorsement of 2 kg.
                        let board = try await boardClient.inboxEvents().events
                        #expect(board.map(\.kind) == ["endorsement_overdue", "endorsement_discrepancy"])
                        #expect(board.allSatisfy { $0.document.number == "EA-E" })
                        #expect(board.last?.summary.contains("endorsed") == true)
                        // Nothing remains authorized: the IA expired and its one export was endorsed at zero.
                        let balance = try await france.balances(year: day.year, substance: "MORPHINE").first
                        #expect(balance?.authorizedNotUsedMg == 0)
                        #expect(balance?.importedMg == 0)
                    }
                }
            }
        }
    }

    @Test("cancelling the one export of a single-consignment IA makes the IA usable again")
    func cancelledExportReopens() async throws {
        try await Harness.with { harness in
            let day = harness.today
            let ia = try await harness.client("fr-signer") { france in
                try #require(
                    try await france.issueImportAuthorization(
                        TestWorld.morphineImport("IA-S", on: day, multiple: false)
                    ).importAuthorization
                )
            }
            try await harness.client("in-signer", country: "IN") { india in
                _ = try await india.issueExportAuthorization(
                    TestWorld.export("EA-S1", against: ia, kilograms: 2, on: day)
                )
                #expect(try await india.document(authority: "FR-ANSM", number: "IA-S").state.status == "used")
                let second = await refusal {
                    _ = try await india.issueExportAuthorization(
                        TestWorld.export("EA-S2", against: ia, kilograms: 1, on: day)
                    )
                }
                #expect(second?.reason == "ia_not_usable")
                _ = try await india.cancel(number: "EA-S1", reason: "shipment abandoned")
                #expect(try await india.document(authority: "FR-ANSM", number: "IA-S").state.status == "issued")
                _ = try await india.issueExportAuthorization(
                    TestWorld.export("EA-S3", against: ia, kilograms: 10, on: day)
                )
            }
            try await harness.client("fr-viewer", .viewer) { france in
                // 10 kg authorized, the cancelled export freed, the second one outstanding.
                let balance = try await france.balances(substance: "MORPHINE").first
                #expect(balance?.authorizedNotUsedMg == .kg(10))
            }
        }
    }

    @Test("cancellation, amendment and drafts: issued documents are never edited")
    func cancelAmendDraft() async throws {
        try await Harness.with { harness in
            let day = harness.today
            try await harness.client("fr-officer", .officer) { officer in
                _ = try await officer.draftImportAuthorization(TestWorld.morphineImport("IA-D", on: day, kilograms: 5))
                #expect(
                    await refusal { _ = try await officer.issueImportAuthorization(draftNumber: "IA-D") }?.reason
                        == "role_not_permitted"
                )
            }
            try await harness.client("fr-signer") { france in
                let draft = try await france.document(authority: "FR-ANSM", number: "IA-D")
                #expect(draft.state.status == "draft")
                #expect(draft.seal.isEmpty)
                let issued = try await france.issueImportAuthorization(draftNumber: "IA-D")
                #expect(issued.state.status == "issued")
                #expect(!issued.seal.isEmpty)

                var amendment = TestWorld.morphineImport("IA-D2", on: day, kilograms: 8)
                amendment.supersedes = "IA-D"
                let amended = try await france.amendImportAuthorization(amendment)
                #expect(amended.importAuthorization?.supersedes == "IA-D")
                let old = try await france.document(authority: "FR-ANSM", number: "IA-D")
                #expect(old.state.status == "superseded")
                #expect(old.state.supersededBy == "IA-D2")
                #expect(old.content == issued.content)
                #expect(try await france.balances(substance: "MORPHINE").first?.authorizedNotUsedMg == .kg(8))

                let cancelled = try await france.cancel(number: "IA-D2", reason: "importer's licence withdrawn")
                #expect(cancelled.state.status == "cancelled")
                #expect(cancelled.state.cancellationReason == "importer's licence withdrawn")
                #expect(try await france.balances(substance: "MORPHINE").first?.authorizedNotUsedMg == 0)
                #expect(
                    await refusal { _ = try await france.cancel(number: "IA-D2", reason: "again") }?.reason
                        == "invalid_transition"
                )
                #expect(
                    await refusal { _ = try await france.cancel(number: "IA-D2", reason: " ") }?.reason
                        == "missing_field"
                )
            }
        }
    }

    @Test(
        "paper partners: India records Nepal's paper IA with its scan and exports against it; an emergency export is flagged for the Board"
    )
    func paperAndEmergency() async throws {
        try await Harness.with { harness in
            let day = harness.today
            try await harness.client("board", .boardObserver, country: "") { board in
                let alerts = try await board.inbox()
                try await harness.client("in-signer", country: "IN") { india in
                    var paper = TestWorld.morphineImport("NP-IA-77", on: day, kilograms: 2)
                    paper.authority = "NP-DDA"
                    paper.importingCountry = "NP"
                    paper.exportingCountry = "IN"
                    paper.issuedOn = day.adding(days: -3).description
                    paper.importer = .with {
                        $0.name = "Kathmandu Hospital"
                        $0.address = "Kathmandu"
                    }
                    paper.exporter = .with { $0.id = "IN-T1" }
                    let scan = Data("%PDF-1.4 scanned import certificate".utf8)
                    let recorded = try await india.recordPaperDocument(
                        .with {
                            $0.importAuthorization = paper
                            $0.scan = scan
                            $0.scanMediaType = "application/pdf"
                        }
                    )
                    #expect(recorded.state.paper)
                    #expect(recorded.state.recordedBy == "IN-NCB")
                    #expect(recorded.state.scanSha256.count == 64)
                    let cited = try #require(recorded.importAuthorization)
                    let ea = try await india.issueExportAuthorization(
                        TestWorld.export("IN-EA-NP", against: cited, kilograms: 2, on: day)
                    )
                    #expect(ea.state.counterpartAuthority == "")
                    #expect(ea.exportAuthorization?.importAuthorization.authority == "NP-DDA")
                    // A second paper IA, and Nepal's endorsement of its export back on paper: India, which
                    // issued the EA, records it with the scan.
                    var second = paper
                    second.number = "NP-IA-78"
                    second.lines[0].tradedMg = .kg(1)
                    let secondIA = try #require(
                        try await india.recordPaperDocument(
                            .with {
                                $0.importAuthorization = second
                                $0.scan = scan
                            }
                        ).importAuthorization
                    )
                    _ = try await india.issueExportAuthorization(
                        TestWorld.export("IN-EA-NP2", against: secondIA, kilograms: 1, on: day)
                    )
                    let unscanned = await refusal {
                        _ = try await india.endorse(
                            authority: "IN-NCB",
                            number: "IN-EA-NP2",
                            importedMilligrams: [.kg(1)]
                        )
                    }
                    #expect(unscanned?.reason == "invalid_scan")
                    let endorsed = try await india.endorse(
                        authority: "IN-NCB",
                        number: "IN-EA-NP2",
                        importedMilligrams: [.kg(1)],
                        scan: Data("%PDF-1.4 Nepal's endorsement".utf8),
                        scanMediaType: "application/pdf"
                    )
                    #expect(endorsed.state.status == "endorsed")
                    #expect(endorsed.state.importedMg == [.kg(1)])
                    #expect(endorsed.state.endorsementScanSha256.count == 64)
                    // A country on the exchange issues its own documents.
                    var notPaper = paper
                    notPaper.importingCountry = "FR"
                    notPaper.number = "X"
                    #expect(
                        await refusal {
                            _ = try await india.recordPaperDocument(
                                .with {
                                    $0.importAuthorization = notPaper; $0.scan = scan
                                }
                            )
                        }?.reason == "partner_on_exchange"
                    )

                    var emergency = Licit_V1_ExportAuthorizationContent()
                    emergency.number = "IN-EM-1"
                    emergency.emergency = true
                    emergency.importingCountry = "FR"
                    emergency.lines = [
                        .with {
                            $0.form = "MORPHINE-SULFATE-PENTAHYDRATE"; $0.tradedMg = .kg(0.5)
                        }
                    ]
                    emergency.period = .with {
                        $0.first = day.description; $0.last = day.adding(days: 7).description
                    }
                    #expect(
                        await refusal { _ = try await india.issueExportAuthorization(emergency) }?.reason
                            == "emergency_justification_required"
                    )
                    let flagged = try await india.issueExportAuthorization(
                        emergency,
                        emergencyJustification: "earthquake: hospitals out of morphine"
                    )
                    #expect(flagged.state.counterpartAuthority == "FR-ANSM")
                    #expect(flagged.exportAuthorization?.emergency == true)
                }
                #expect(try await next(1, of: alerts).map(\.kind) == ["emergency_export"])
                try await harness.client("fr-signer-2") { france in
                    // What an emergency export brought in counts as imported, though no IA reserved it.
                    _ = try await france.endorse(
                        authority: "IN-NCB",
                        number: "IN-EM-1",
                        importedMilligrams: [.kg(0.5 * 0.7521)]
                    )
                    let balance = try await france.balances(substance: "MORPHINE").first
                    #expect(balance?.importedMg == .kg(0.5 * 0.7521))
                }
                try await harness.client("in-signer-2", country: "IN") { india in
                    // The CNA that recorded a paper document may cancel it, naming its foreign issuer
                    // (once the export against it is cancelled: a used IA cannot be).
                    _ = try await india.cancel(number: "IN-EA-NP", reason: "the importer withdrew")
                    let cancelled = try await india.cancel(
                        number: "NP-IA-77",
                        reason: "entered twice",
                        authority: "NP-DDA"
                    )
                    #expect(cancelled.state.status == "cancelled")
                    #expect(
                        await refusal { _ = try await india.cancel(number: "NP-IA-77", reason: "x") }?.code == .notFound
                    )
                }
            }
        }
    }

    @Test("reference data: board admins import it, CNAs register their traders, everyone reads it")
    func reference() async throws {
        try await Harness.with { harness in
            // Morphine sulfate is in the catalogue the exchange has in memory now.
            let sulfate = TestWorld.morphineImport(
                "IA-SULFATE",
                on: harness.today,
                form: "MORPHINE-SULFATE-PENTAHYDRATE"
            )
            try await harness.client("fr-officer", .officer) { france in
                let validation = try await france.validateImportAuthorization(sulfate)
                #expect(validation.problems.isEmpty)
            }
            try await harness.client("board-admin", .boardAdmin, country: "") { board in
                var data = Licit_V1_ReferenceData()
                data.allowances = [
                    .with {
                        $0.country = "FR"
                        $0.substance = "MORPHINE"
                        $0.year = UInt32(harness.today.year)
                        $0.initialMg = .kg(100)
                        $0.supplementaryMg = [.kg(25)]
                    }
                ]
                let counts = try await board.importReference(data)
                #expect(counts.allowances == 1)
                var dangling = Licit_V1_ReferenceData()
                dangling.prohibitions = [
                    .with {
                        $0.country = "ZZ"; $0.substance = "MORPHINE"
                    }
                ]
                #expect(await refusal { _ = try await board.importReference(dangling) }?.reason == "invalid_reference")
                let fromJSON = try Licit_V1_ReferenceData(
                    jsonString: #"{"countries":[{"code":"PT","name":"Portugal","participating":true}]}"#
                )
                #expect(try await board.importReference(fromJSON).countries == 1)
                // The documented example file imports as it is.
                let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                    .deletingLastPathComponent().appendingPathComponent("Proto/examples/reference.json")
                let file = try Licit_V1_ReferenceData(jsonUTF8Data: try Data(contentsOf: example))
                let imported = try await board.importReference(file)
                #expect(
                    [imported.countries, imported.substances, imported.allowances, imported.traders] == [2, 2, 2, 1]
                )
                let reference = try await board.reference()
                let morphine = try #require(reference.substances.first { $0.code == "MORPHINE" })
                #expect(morphine.forms.count == 2, "replaced whole by the file's entry")
                #expect(
                    morphine.names == ["fr": "Morphine", "es": "Morfina"],
                    "names in French and Spanish travel as data"
                )
                #expect(reference.countries.first { $0.code == "NP" }?.names["fr"] == "Népal")
                #expect(reference.statuses.first { $0.code == "partly_used" }?.names["es"] == "parcialmente utilizada")
                #expect(
                    reference.reasons.first { $0.code == "over_estimate" }?.names["fr"]?.contains("évaluation") == true
                )
                var badLanguage = Licit_V1_ReferenceData()
                badLanguage.countries = [
                    .with {
                        $0.code = "PT"; $0.name = "Portugal"; $0.names = ["pt": "Portugal"]
                    }
                ]
                #expect(
                    await refusal { _ = try await board.importReference(badLanguage) }?.reason == "invalid_language"
                )
            }
            try await harness.client("fr-officer-2", .officer) { france in
                // The import replaced morphine's forms: the exchange checks against the new catalogue at once.
                let stale = await refusal { _ = try await france.validateImportAuthorization(sulfate) }
                #expect(stale?.reason == "unknown_form")
            }
            try await harness.client("fr-signer") { france in
                #expect(try await france.balances(year: 2026, substance: "MORPHINE").first?.limitMg == .kg(425))
                let trader = try await france.registerTrader(
                    .with {
                        $0.name = "Laboratoires Sud"; $0.address = "Marseille"
                    }
                )
                #expect(trader.id == "FR-ANSM-T3", "after FR-T1 and FR-ANSM-T9")
                #expect(trader.country == "FR")
                let reference = try await france.reference()
                #expect(reference.countries.contains { $0.code == "PT" })
                #expect(reference.traders.map(\.id).sorted() == ["FR-ANSM-T3", "FR-ANSM-T9", "FR-T1"])
                #expect(reference.substances.contains { $0.code == "MORPHINE" })
                #expect(await refusal { _ = try await france.importReference(.init()) }?.reason == "role_not_permitted")
            }
        }
    }
}
