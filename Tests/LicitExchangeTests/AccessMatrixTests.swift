import Foundation
import LicitClient
import LicitExchange
import LicitServerCore
import LicitTestSupport
import LicitWire
import Testing

/// Deny by default, scoped to the caller: every exchange method × every role, and every
/// document query from the issuing, the counterpart and an unrelated country.
@Suite("Access matrix")
struct AccessMatrixTests {
    @Test("every method × every role: a role not listed is refused and the refusal audited; a listed one is not")
    func roles() async throws {
        try await Harness.with { harness in
            let methods = harness.exchange.exchange.handlers.filter { !$0.isSubscription }
            let subscribe = try #require(harness.exchange.exchange.handlers.first { $0.isSubscription })
            var expectedDenials = 0
            for role in Role.allCases {
                let isBoard = role == .boardAdmin || role == .boardObserver
                try await harness.client("acct-\(role.rawValue)", role, country: isBoard ? "" : "DE") { client in
                    for method in methods {
                        do {
                            _ = try await client.call(
                                method: method.name,
                                payload: Data(),
                                requestID: method.isWrite ? LicitClient.makeRequestID() : nil
                            )
                        } catch let error as LicitClientError {
                            let denied = error.status?.reason == "role_not_permitted"
                            #expect(
                                denied == !method.allowedRoles.contains(role),
                                "\(method.name) as \(role.rawValue): \(error)"
                            )
                        }
                        if !method.allowedRoles.contains(role) { expectedDenials += 1 }
                    }
                    let subscription = try await client.inbox()
                    if !subscribe.allowedRoles.contains(role) {
                        await #expect(throws: LicitClientError.self, "\(role.rawValue) subscribing") {
                            for try await _ in subscription {}
                        }
                        expectedDenials += 1
                    }
                }
            }
            let total = expectedDenials
            #expect(total > 20)
            try await eventually {
                (try? await harness.audit().filter { $0.outcome == "role_not_permitted" }.count) == total
            }
        }
    }

    @Test(
        "a document is seen by its issuer, its counterpart and the Board; an unrelated CNA gets the same answer as for a number that does not exist, audited"
    )
    func scope() async throws {
        try await Harness.with { harness in
            let day = harness.today
            let ia = try await harness.client("fr-signer") { france in
                try #require(
                    try await france.issueImportAuthorization(TestWorld.morphineImport("FR-IA-1", on: day))
                        .importAuthorization
                )
            }
            try await harness.client("in-signer", country: "IN") { india in
                _ = try await india.issueExportAuthorization(
                    TestWorld.export("IN-EA-1", against: ia, kilograms: 1, on: day)
                )
            }
            for (country, role, sees) in [
                ("FR", Role.viewer, true), ("FR", .officer, true), ("IN", .viewer, true), ("IN", .signer, true),
                ("", .boardObserver, true), ("DE", .viewer, false), ("DE", .signer, false),
            ] {
                try await harness.client("scope-\(country)-\(role.rawValue)", role, country: country) { client in
                    let listed = try await client.documents()
                    #expect(listed.documents.count == (sees ? 2 : 0), "\(country) \(role.rawValue)")
                    for (authority, number) in [("FR-ANSM", "FR-IA-1"), ("IN-NCB", "IN-EA-1")] {
                        if sees {
                            #expect(
                                try await client.document(authority: authority, number: number).content.isEmpty == false
                            )
                            #expect(try await client.history(authority: authority, number: number).isEmpty == false)
                        } else {
                            let hidden = await refusal {
                                _ = try await client.document(authority: authority, number: number)
                            }
                            let guessed = await refusal {
                                _ = try await client.document(authority: authority, number: "\(number)-GUESS")
                            }
                            #expect(hidden?.code == .notFound)
                            #expect(hidden?.reason == guessed?.reason)
                            #expect(
                                hidden?.message.replacingOccurrences(of: "\(number)", with: "N")
                                    == guessed?.message.replacingOccurrences(of: "\(number)-GUESS", with: "N")
                            )
                            let history = await refusal {
                                _ = try await client.history(authority: authority, number: number)
                            }
                            #expect(history?.code == .notFound)
                        }
                    }
                    if country == "DE" {
                        let balance = await refusal { _ = try await client.balances(country: "FR") }
                        #expect(balance?.reason == "other_country_balance")
                        #expect(try await client.inboxEvents().events.isEmpty)
                    }
                }
            }
            // Writes on another CNA's documents: found nowhere.
            try await harness.client("de-signer-2", .signer, country: "DE") { germany in
                #expect(
                    await refusal {
                        _ = try await germany.endorse(authority: "IN-NCB", number: "IN-EA-1", importedMilligrams: [0])
                    }?.code == .notFound
                )
                #expect(
                    await refusal { _ = try await germany.cancel(number: "FR-IA-1", reason: "x") }?.code == .notFound
                )
                #expect(
                    await refusal {
                        _ = try await germany.issueExportAuthorization(
                            TestWorld.export("DE-EA", against: ia, kilograms: 1, on: day)
                        )
                    }?.reason == "ia_not_usable"
                )
            }
            try await harness.client("in-signer-2", .signer, country: "IN") { india in
                // The exporter may not endorse its own export, nor cancel the importer's IA.
                #expect(
                    await refusal {
                        _ = try await india.endorse(authority: "IN-NCB", number: "IN-EA-1", importedMilligrams: [0])
                    }?.reason == "not_the_importing_authority"
                )
                #expect(await refusal { _ = try await india.cancel(number: "FR-IA-1", reason: "x") }?.code == .notFound)
            }
            try await harness.client("in-cdsco", .signer, country: "IN", authority: "IN-CDSCO") { otherCNA in
                // India's psychotropics CNA is not the IA's counterpart: it cannot see or cite it.
                let visible = try await otherCNA.documents().documents
                #expect(visible.isEmpty)
                #expect(
                    await refusal {
                        _ = try await otherCNA.issueExportAuthorization(
                            TestWorld.export("CD-EA", against: ia, kilograms: 1, on: day)
                        )
                    }?.reason == "ia_not_usable"
                )
            }
            let audit = try await harness.audit()
            #expect(
                audit.filter { $0.outcome == "document_not_found" && $0.actor.hasPrefix("scope-DE") }.count == 2 * 2 * 3
            )
            #expect(audit.contains { $0.outcome == "other_country_balance" })
            #expect(audit.contains { $0.outcome == "not_the_importing_authority" && $0.action == "ea.endorse" })
        }
    }
}
