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

extension LicitCommandTests {
    @Test("a country admin enrolled by a country admin waits for the Board: pending, approved or rejected, told")
    func countryAdminApproval() async throws {
        let sandbox = try await self.sandbox
        let suffix = UUID().uuidString.prefix(6).lowercased()
        var folders: [String: URL] = [:]
        for name in ["fr-admin-a\(suffix)", "fr-admin-r\(suffix)"] {
            let folder = sandbox.root.appendingPathComponent("enrolled/\(name)")
            folders[name] = folder
            let enrolled = try await sandbox.licit(
                [
                    "admin", "enroll", "--name", name, "--role", "country_admin", "--out", folder.path, "--yes",
                    "--json",
                ],
                as: "fr-admin"
            )
            #expect(enrolled.status == 0, "\(enrolled)")
            #expect((try enrolled.object["account"] as? [String: Any])?["pendingApproval"] as? Bool == true)
            let refused = try await sandbox.licit(["whoami", "--identity", folder.path], as: "fr-admin")
            #expect(refused.status == 1 && refused.error.contains("account_pending_approval"), "\(refused)")
        }
        let approved = "fr-admin-a\(suffix)"
        let rejected = "fr-admin-r\(suffix)"
        let inbox = try await sandbox.licit(["inbox", "list"], as: "board-observer")
        #expect(inbox.output.contains("account_pending") && inbox.output.contains("account/\(approved)"), "\(inbox)")
        let listed = try await sandbox.licit(["admin", "accounts"], as: "fr-admin")
        #expect(listed.output.contains("awaiting the Board's approval"), "\(listed)")

        let notBoard = try await sandbox.licit(["admin", "approve", approved, "--yes"], as: "fr-admin")
        #expect(notBoard.status == 1 && notBoard.error.contains("role_not_permitted"), "\(notBoard)")
        let yes = try await sandbox.licit(["admin", "approve", approved, "--yes"], as: "board-admin")
        #expect(yes.status == 0 && yes.output.contains("it can connect"), "\(yes)")
        let connects = try await sandbox.licit(
            ["whoami", "--json", "--identity", folders[approved]!.path],
            as: "fr-admin"
        )
        #expect(try connects.object["name"] as? String == approved, "\(connects)")
        let twice = try await sandbox.licit(["admin", "approve", approved, "--yes"], as: "board-admin")
        #expect(twice.status == 1 && twice.error.contains("account_not_pending"), "\(twice)")

        let noReason = try await sandbox.licit(
            ["admin", "reject", rejected, "--reason", " ", "--yes"],
            as: "board-admin"
        )
        #expect(noReason.status == 1 && noReason.error.contains("missing_field"), "\(noReason)")
        let no = try await sandbox.licit(
            ["admin", "reject", rejected, "--reason", "not known to the ministry", "--yes"],
            as: "board-admin"
        )
        #expect(no.status == 0 && no.output.contains("revoked"), "\(no)")
        let shut = try await sandbox.licit(["whoami", "--identity", folders[rejected]!.path], as: "fr-admin")
        #expect(shut.status != 0, "\(shut)")
        let told = try await sandbox.licit(["inbox", "list"], as: "fr-signer")
        #expect(told.output.contains("account_approved") && told.output.contains("account_rejected"), "\(told)")
        // The newest first; what --limit leaves out is counted, never dropped silently.
        let newest = try await sandbox.licit(["inbox", "list", "--after", "0", "--limit", "1"], as: "fr-signer")
        #expect(newest.output.contains("account_rejected") && !newest.output.contains("account_approved"), "\(newest)")
        #expect(newest.output.contains("older event") && newest.output.contains("not shown: --limit"), "\(newest)")
        let audit = try await sandbox.licit(["audit", "list", "--limit", "1000"], as: "board-observer")
        #expect(audit.output.contains("account.approve") && audit.output.contains("account.reject"), "\(audit)")
    }
}
