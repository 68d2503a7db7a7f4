import Foundation
import Testing

extension LicitCommandTests {
    @Test("supplementary estimates through licit: asked by FR, reduced by the Board, in FR's balance and inbox")
    func supplementaryEstimates() async throws {
        let sandbox = try await self.sandbox
        let balance = { () async throws -> Int in
            let run = try await sandbox.licit(["balance", "--substance", "METHADONE", "--json"])
            return try #require((try run.json as? [[String: Any]])?.first?["limitMg"] as? Int, "\(run)")
        }
        let before = try await balance()
        let asked = try await sandbox.licit([
            "estimate", "request", "--substance", "methadone", "--quantity", "3kg", "--justification",
            "opioid substitution programme extended", "--yes", "--json",
        ])
        #expect(asked.status == 0, "\(asked)")
        let id = try #require(try asked.object["id"] as? String)
        #expect(id.hasPrefix("FR-"))
        let pending = try await sandbox.licit(["estimate", "list", "--status", "requested"], as: "board-observer")
        #expect(pending.output.contains(id) && pending.output.contains("3 kg"), "\(pending)")

        let unreasoned = try await sandbox.licit(
            ["estimate", "confirm", id, "--quantity", "2kg", "--yes"],
            as: "board-admin"
        )
        #expect(unreasoned.status == 1 && unreasoned.error.contains("missing_field"), "\(unreasoned)")
        let reduced = try await sandbox.licit(
            ["estimate", "confirm", id, "--quantity", "2kg", "--reason", "2 kg is what the data support", "--yes"],
            as: "board-admin"
        )
        #expect(reduced.status == 0 && reduced.output.contains("reduced"), "\(reduced)")
        #expect(try await balance() == before + 2_000_000)
        let inbox = try await sandbox.licit(["inbox", "list"], as: "fr-signer")
        #expect(inbox.output.contains("estimate_reduced") && inbox.output.contains("estimate/\(id)"), "\(inbox)")

        let other = try await sandbox.licit([
            "estimate", "request", "--substance", "METHADONE", "--quantity", "1kg", "--justification", "stock", "--yes",
            "--json",
        ])
        let second = try #require(try other.object["id"] as? String)
        let refused = try await sandbox.licit(
            ["estimate", "refuse", second, "--reason", "no data", "--yes"],
            as: "board-admin"
        )
        #expect(refused.status == 0, "\(refused)")
        let mine = try await sandbox.licit(["estimate", "list", "--format", "csv"])
        #expect(mine.output.contains("\(id),METHADONE") && mine.output.contains("refused"), "\(mine)")
        let notBoard = try await sandbox.licit(["estimate", "refuse", second, "--reason", "x", "--yes"])
        #expect(notBoard.status == 1 && notBoard.error.contains("role_not_permitted"), "\(notBoard)")
        // Told in licit's terms: the command and the role it needs, not a protocol method.
        #expect(
            notBoard.error.contains("`licit estimate refuse`") && notBoard.error.contains("board_admin"),
            "\(notBoard)"
        )
        #expect(!notBoard.error.contains("licit.v1."), "\(notBoard)")
    }
}

extension LicitCommandTests {
    @Test("annual estimates through licit: furnished by a CNA, queried, furnished again, confirmed into the limits")
    func annualEstimates() async throws {
        // A sandbox of its own: a confirmed year stays confirmed.
        let sandbox = try await CLISandbox.start()
        let clock = try await sandbox.licit(["sandbox", "clock", "--json"], as: "board-admin")
        let year = try #require(Int((try clock.object["day"] as? String ?? "").prefix(4))) + 1
        let submit = [
            "estimate", "annual", "submit", "--line", "MORPHINE:consumption=300kg", "--line", "MORPHINE:stocks=40kg",
            "--line", "fentanyl:consumption=4kg", "--yes",
        ]
        let first = try await sandbox.licit(submit, as: "ke-signer")
        #expect(first.status == 0 && first.output.contains("MORPHINE 340 kg"), "\(first)")
        let bad = try await sandbox.licit(
            ["estimate", "annual", "submit", "--line", "MORPHINE=3kg", "--yes"],
            as: "ke-signer"
        )
        #expect(bad.status == 64, "\(bad)")
        let queried = try await sandbox.licit(
            ["estimate", "annual", "query", "KE", "\(year)", "--reason", "stocks look high", "--yes"],
            as: "board-admin"
        )
        #expect(queried.status == 0 && queried.output.contains("queried"), "\(queried)")
        let again = try await sandbox.licit(
            submit.map { $0 == "MORPHINE:stocks=40kg" ? "MORPHINE:stocks=10kg" : $0 },
            as: "ke-signer"
        )
        #expect(again.status == 0, "\(again)")
        let listed = try await sandbox.licit(["estimate", "annual", "list", "--format", "csv"], as: "board-observer")
        #expect(listed.output.contains("KE,\(year),MORPHINE,stocks,10 kg,submitted"), "\(listed)")
        let confirmed = try await sandbox.licit(
            ["estimate", "annual", "confirm", "KE", "\(year)", "--yes"],
            as: "board-admin"
        )
        #expect(confirmed.status == 0, "\(confirmed)")
        let balance = try await sandbox.licit(
            ["balance", "--year", "\(year)", "--substance", "MORPHINE", "--json"],
            as: "ke-signer"
        )
        #expect((try balance.json as? [[String: Any]])?.first?["limitMg"] as? Int == 310_000_000, "\(balance)")
        let told = try await sandbox.licit(["inbox", "list"], as: "ke-signer")
        #expect(told.output.contains("annual_estimate_confirmed") && told.output.contains("annual_estimate_queried"))
    }
}

extension LicitCommandTests {
    @Test("annual returns through licit: a draft, a submission checked against the documents, a query, acceptance")
    func filings() async throws {
        let sandbox = try await CLISandbox.start()
        let clock = try await sandbox.licit(["sandbox", "clock", "--json"], as: "board-admin")
        let year = try #require(Int((try clock.object["day"] as? String ?? "").prefix(4)))
        let draft = try await sandbox.licit(
            ["filing", "save", "--form", "C", "--year", "\(year)", "--figure", "MORPHINE:consumption=300kg", "--yes"],
            as: "gh-signer"
        )
        #expect(draft.status == 0 && draft.output.contains("draft"), "\(draft)")
        let wrong = try await sandbox.licit(
            [
                "filing", "save", "--form", "C", "--year", "\(year)", "--figure", "MORPHINE:consumption=300kg",
                "--figure", "MORPHINE:imported=5kg", "--submit", "--yes",
            ],
            as: "gh-signer"
        )
        #expect(wrong.status == 1 && wrong.error.contains("return_does_not_reconcile"), "\(wrong)")
        let submitted = try await sandbox.licit(
            [
                "filing", "save", "--form", "C", "--year", "\(year)", "--figure", "MORPHINE:consumption=300kg",
                "--figure", "MORPHINE:stocks=40kg", "--submit", "--yes",
            ],
            as: "gh-signer"
        )
        #expect(submitted.status == 0 && submitted.output.contains("submitted"), "\(submitted)")
        let query = try await sandbox.licit(
            ["filing", "query", "GH", "C", "\(year)", "--reason", "stocks?", "--yes"],
            as: "board-admin"
        )
        #expect(query.status == 0 && query.output.contains("queried"), "\(query)")
        _ = try await sandbox.licit(
            [
                "filing", "save", "--form", "C", "--year", "\(year)", "--figure", "MORPHINE:consumption=300kg",
                "--figure", "MORPHINE:stocks=20kg", "--submit", "--yes",
            ],
            as: "gh-signer"
        )
        let accepted = try await sandbox.licit(["filing", "accept", "GH", "C", "\(year)", "--yes"], as: "board-admin")
        #expect(accepted.status == 0 && accepted.output.contains("accepted"), "\(accepted)")
        let listed = try await sandbox.licit(["filing", "list", "--format", "csv"], as: "board-observer")
        #expect(listed.output.contains("GH,C,\(year),accepted,MORPHINE,stocks,20 kg,CNA"), "\(listed)")
    }
}
