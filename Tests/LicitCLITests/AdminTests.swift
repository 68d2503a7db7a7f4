import Foundation
import Testing

extension LicitCommandTests {
    @Test(
        "reference data: substances with their salts, countries, authorities, estimates, assessments, prohibitions, traders"
    )
    func reference() async throws {
        let sandbox = try await self.sandbox
        let substances = try await sandbox.licit(["ref", "substances", "--search", "codeine"])
        #expect(
            substances.output.contains("CODEINE-PHOSPHATE-HEMIHYDRATE") && substances.output.contains("0.7367"),
            "\(substances)"
        )
        #expect(!substances.output.contains("MORPHINE-SULFATE"), "--search filters: \(substances)")
        let checks: [([String], String)] = [
            (["ref", "countries"], "Switzerland"),
            (["ref", "authorities", "--country", "IN"], "IN-CDSCO"),
            (["ref", "estimates", "--country", "FR"], "MORPHINE"),
            (["ref", "assessments", "--country", "FR"], "METHYLPHENIDATE"),
            (["ref", "prohibitions"], "PENTOBARBITAL"),
            (["ref", "traders"], "FR-ANSM-T1"),
        ]
        for (arguments, expected) in checks {
            let run = try await sandbox.licit(arguments)
            #expect(run.status == 0 && run.output.contains(expected), "\(run)")
        }
        let json = try await sandbox.licit(["ref", "countries", "--json"])
        #expect((try json.json as? [[String: Any]])?.contains { $0["code"] as? String == "FR" } == true)
    }

    @Test("administration: accounts by role, traders, reference import, and revocation that takes effect at once")
    func administration() async throws {
        let sandbox = try await self.sandbox
        let refused = try await sandbox.licit(["admin", "accounts"], as: "fr-signer")
        #expect(refused.status == 1 && refused.error.contains("role_not_permitted"), "\(refused)")
        let accounts = try await sandbox.licit(["admin", "accounts", "--json"], as: "fr-admin")
        #expect(accounts.status == 0, "\(accounts)")
        let listed = try #require(try accounts.json as? [[String: Any]])
        #expect(
            listed.allSatisfy { $0["country"] as? String == "FR" },
            "a country admin sees its own country's accounts"
        )
        let viewer = try #require(listed.first { $0["name"] as? String == "fr-viewer" })
        let fingerprint = try #require(viewer["certificateFingerprint"] as? String)

        let trader = try await sandbox.licit(
            ["admin", "register-trader", "--name", "Pharma Lyon SA", "--address", "2 quai Perrache, Lyon", "--json"],
            as: "fr-admin"
        )
        #expect(trader.status == 0, "\(trader)")
        let traderID = try trader.object["id"] as? String
        #expect(traderID?.hasPrefix("FR-ANSM-T") == true, "\(trader)")

        let file = sandbox.root.appendingPathComponent("prohibitions.json")
        try Data(#"{"prohibitions": [{"country": "GH", "substance": "PENTOBARBITAL"}]}"#.utf8).write(to: file)
        let imported = try await sandbox.licit(["admin", "import-reference", file.path, "--yes"], as: "board-admin")
        #expect(imported.status == 0 && imported.output.contains("1 prohibitions"), "\(imported)")

        let foreign = try await sandbox.licit(
            ["admin", "revoke", fingerprint, "--reason", "test", "--yes"],
            as: "in-admin"
        )
        #expect(foreign.status == 1 && foreign.error.contains("account_not_found"), "\(foreign)")
        #expect(try await sandbox.licit(["whoami"], as: "fr-viewer").status == 0)
        let revoked = try await sandbox.licit(
            ["admin", "revoke", fingerprint, "--reason", "left the service", "--yes"],
            as: "fr-admin"
        )
        #expect(revoked.status == 0 && revoked.output.contains("account fr-viewer"), "\(revoked)")
        let after = try await sandbox.licit(["whoami"], as: "fr-viewer")
        #expect(after.status == 3, "a revoked certificate can no longer connect: \(after)")
        #expect(after.error.contains("revoked"), "\(after)")
        let state = try await sandbox.licit(["admin", "accounts"], as: "fr-admin")
        #expect(state.output.contains(fingerprint) && state.output.contains("revoked"), "\(state)")
    }

    @Test("enrolment: the key is made locally, the exchange certifies it, and the new account connects")
    func enrolment() async throws {
        let sandbox = try await self.sandbox
        let name = "fr-officer-\(UUID().uuidString.prefix(6).lowercased())"
        let folder = sandbox.root.appendingPathComponent("enrolled/\(name)")
        let enrolled = try await sandbox.licit(
            ["admin", "enroll", "--name", name, "--role", "officer", "--out", folder.path, "--yes", "--json"],
            as: "fr-admin"
        )
        #expect(enrolled.status == 0, "\(enrolled)")
        let account = try #require(try enrolled.object["account"] as? [String: Any])
        #expect(account["authority"] as? String == "FR-ANSM")
        let permissions = try FileManager.default.attributesOfItem(
            atPath: folder.appendingPathComponent("key.pem").path
        )
        #expect((permissions[.posixPermissions] as? Int) == 0o600)

        let connected = try await sandbox.licit(["whoami", "--json", "--identity", folder.path], as: "fr-admin")
        #expect(try connected.object["name"] as? String == name, "\(connected)")
        #expect(try connected.object["role"] as? String == "officer")

        let again = try await sandbox.licit(
            ["admin", "enroll", "--name", name, "--role", "officer", "--out", folder.path + "-2", "--yes"],
            as: "fr-admin"
        )
        #expect(again.status == 1 && again.error.contains("account_exists"), "\(again)")
        let foreign = try await sandbox.licit(
            [
                "admin", "enroll", "--name", name + "-x", "--role", "signer", "--authority", "FR-ANSM", "--out",
                folder.path + "-x", "--yes",
            ],
            as: "in-admin"
        )
        #expect(foreign.status == 1 && foreign.error.contains("unknown_authority"), "\(foreign)")
        let board = try await sandbox.licit(
            ["admin", "enroll", "--name", name + "-b", "--role", "board_admin", "--out", folder.path + "-b", "--yes"],
            as: "fr-admin"
        )
        #expect(board.status == 1 && board.error.contains("role_not_permitted"), "\(board)")
    }
}
