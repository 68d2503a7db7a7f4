import Foundation
import LicitClient
import LicitModel
import LicitStorage
import LicitTestSupport
import LicitWire
import Testing

@Suite("The authorization exchange between two countries, over TLS")
struct FlowTests {
    @Test("IA → EA → short export → endorsement: documents, seals, balances, history and both inboxes")
    func fullCycle() async throws {
        try await Harness.with { harness in
            let day = harness.today
            try await harness.client("fr-signer", country: "FR") { france in
                try await harness.client("in-signer", country: "IN") { india in
                    let indiaInbox = try await india.inbox()
                    let franceInbox = try await france.inbox()

                    // France issues an IA for 10 kg of morphine hydrochloride trihydrate.
                    let content = TestWorld.morphineImport(
                        "FR-IA-1",
                        on: day,
                        kilograms: 10,
                        form: "MORPHINE-HYDROCHLORIDE-TRIHYDRATE"
                    )
                    let ia = try await france.issueImportAuthorization(content)
                    #expect(ia.state.status == "issued")
                    #expect(ia.state.counterpartAuthority == "IN-NCB")
                    let issued = try #require(ia.importAuthorization)
                    #expect(issued.authority == "FR-ANSM")
                    #expect(issued.issuedOn == day.description)
                    #expect(issued.lines[0].substance == "MORPHINE")
                    #expect(issued.lines[0].baseMg == .kg(7.592))
                    let key = try await france.sealKey()
                    #expect(ia.isSealValid(publicKey: key.publicKey))
                    var forged = ia
                    forged.content.append(0)
                    #expect(!forged.isSealValid(publicKey: key.publicKey))

                    let received = try await next(1, of: indiaInbox)
                    #expect(received.map(\.kind) == ["ia_received"])
                    #expect(received[0].document.number == "FR-IA-1")

                    // India exports 6 kg against it, then records that only 5 kg left.
                    let ea = try await india.issueExportAuthorization(
                        TestWorld.export("IN-EA-1", against: issued, kilograms: 6, on: day)
                    )
                    #expect(ea.state.status == "issued")
                    #expect(ea.exportAuthorization?.importAuthorization.number == "FR-IA-1")
                    #expect(ea.exportAuthorization?.importer.name == "Pharma France SA")
                    #expect(ea.isSealValid(publicKey: key.publicKey))
                    let short = try await india.recordExported(number: "IN-EA-1", exportedMilligrams: [.kg(5 * 0.7592)])
                    #expect(short.state.exportedMg == [.kg(5 * 0.7592)])
                    #expect(try await next(1, of: franceInbox).map(\.kind) == ["ea_received"])

                    let partly = try await france.document(authority: "FR-ANSM", number: "FR-IA-1")
                    #expect(partly.state.status == "partly_used")
                    #expect(partly.state.committedMg == [.kg(5 * 0.7592)])

                    // France endorses what arrived: a little less than was exported.
                    let endorsed = try await france.endorse(
                        authority: "IN-NCB",
                        number: "IN-EA-1",
                        importedMilligrams: [.kg(3.7)]
                    )
                    #expect(endorsed.state.status == "endorsed")
                    #expect(endorsed.state.importedMg == [.kg(3.7)])
                    #expect(endorsed.state.endorsedOn == day.description)
                    let back = try await next(1, of: indiaInbox)
                    #expect(back.map(\.kind) == ["endorsement_received"])

                    // France's morphine: 7.592 kg authorized; 3.796 kg exported and 3.7 kg of it
                    // imported; the IA's unexported 3.796 kg is still authorized and unused.
                    let balance = try #require(try await france.balances(substance: "MORPHINE").first)
                    #expect(balance.limitMg == .kg(100))
                    #expect(balance.importedMg == .kg(3.7))
                    #expect(balance.authorizedNotUsedMg == .kg(7.592 - 3.796))
                    #expect(balance.remainingMg == 100_000_000 - 3_700_000 - 3_796_000)

                    let history = try await india.history(authority: "IN-NCB", number: "IN-EA-1")
                    #expect(history.map(\.action) == ["issued", "exported_recorded", "endorsed"])
                    #expect(history.last?.authority == "FR-ANSM")
                }
            }
            #expect(AuditChainCheck.intact(try await harness.audit()))
        }
    }

    @Test("an IA over the estimate is refused with the figures; a justified override is accepted and the Board told")
    func overEstimate() async throws {
        try await Harness.with { harness in
            let day = harness.today
            try await harness.client("board", .boardObserver, country: "") { board in
                let boardInbox = try await board.inbox()
                try await harness.client("fr-signer") { france in
                    let status = await refusal {
                        _ = try await france.issueImportAuthorization(
                            TestWorld.morphineImport("BIG", on: day, kilograms: 101)
                        )
                    }
                    #expect(status?.code == .failedPrecondition)
                    #expect(status?.reason == "over_estimate")
                    #expect(status?.details["limit"] == "100 kg")
                    #expect(status?.details["requested"] == "101 kg")
                    #expect(status?.details["available"] == "100 kg")
                    let validated = try await france.validateImportAuthorization(
                        TestWorld.morphineImport("BIG", on: day, kilograms: 101)
                    )
                    #expect(validated.problems.map(\.reason) == ["over_estimate"])
                    #expect(validated.balancesAfter.first?.remainingMg == -.kg(1))

                    let overridden = try await france.issueImportAuthorization(
                        TestWorld.morphineImport("BIG", on: day, kilograms: 101),
                        overrideJustification: "epidemic: supplementary estimate requested from the Board"
                    )
                    #expect(overridden.state.overrideJustification.hasPrefix("epidemic"))
                    let alert = try await next(1, of: boardInbox)
                    #expect(alert.map(\.kind) == ["override_recorded"])
                    #expect(try await france.balances(substance: "MORPHINE").first?.remainingMg == -.kg(1))
                }
            }
        }
    }

    @Test("16 concurrent EAs of 1 kg against a 10 kg IA: exactly 10 issued, the IA used, never over-committed")
    func concurrentExports() async throws {
        try await Harness.with { harness in
            let day = harness.today
            let ia = try await harness.client("fr-signer") { france in
                try #require(
                    try await france.issueImportAuthorization(
                        TestWorld.morphineImport("FR-IA-C", on: day, kilograms: 10)
                    ).importAuthorization
                )
            }
            let outcomes = try await harness.client("in-signer", country: "IN") { india in
                try await withThrowingTaskGroup(of: String.self) { group in
                    for index in 0..<16 {
                        group.addTask {
                            do {
                                _ = try await india.issueExportAuthorization(
                                    TestWorld.export("IN-EA-C\(index)", against: ia, kilograms: 1, on: day)
                                )
                                return "issued"
                            } catch let error as LicitClientError {
                                return error.status?.reason ?? "\(error)"
                            }
                        }
                    }
                    return try await group.reduce(into: [String: Int]()) { $0[$1, default: 0] += 1 }
                }
            }
            // Once the tenth commits the IA is used: the others are refused as exports against a used IA.
            #expect(outcomes == ["issued": 10, "ia_not_usable": 6])
            try await harness.client("fr-viewer", .viewer) { france in
                let state = try await france.document(authority: "FR-ANSM", number: "FR-IA-C")
                #expect(state.state.status == "used")
                #expect(state.state.committedMg == [.kg(10)])
            }
        }
    }

    @Test("a replayed issue has exactly one effect; the same request id with another payload is refused")
    func idempotency() async throws {
        try await Harness.with { harness in
            let day = harness.today
            try await harness.client("fr-signer") { france in
                let first = try await france.issueImportAuthorization(
                    TestWorld.morphineImport("FR-IA-R", on: day),
                    requestID: "issue-r"
                )
                let replay = try await france.issueImportAuthorization(
                    TestWorld.morphineImport("FR-IA-R", on: day),
                    requestID: "issue-r"
                )
                #expect(replay == first)
                let status = await refusal {
                    _ = try await france.issueImportAuthorization(
                        TestWorld.morphineImport("FR-IA-S", on: day),
                        requestID: "issue-r"
                    )
                }
                #expect(status?.reason == "request_id_reused")
                #expect(status?.code == .alreadyExists)
                #expect(try await france.documents().documents.count == 1)
                let duplicate = await refusal {
                    _ = try await france.issueImportAuthorization(TestWorld.morphineImport("FR-IA-R", on: day))
                }
                #expect(duplicate?.reason == "duplicate_number")
                let balance = try await france.balances(substance: "MORPHINE").first
                #expect(balance?.authorizedNotUsedMg == .kg(10))
            }
        }
    }
}

enum AuditChainCheck {
    static func intact(_ records: [LicitStorage.AuditRecord]) -> Bool {
        LicitStorage.AuditChain.verify(records) == nil
    }
}
